/**
 * The worker pool behind the draft renders: tasks run in threads (never more than the pool's size at once), a
 * worker that crashes or overruns its deadline fails only its own task (an Error the error handler
 * answers with a plain 500) and is replaced, and an answer of an error keeps the worker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from './worker-pool';

// A worker answering { ok, body: [threadId, running at once] } after `ms`; 'crash' exits, 'hang' never answers, 'fail' answers an error.
const SCRIPT = new URL(
  `data:text/javascript,${encodeURIComponent(`
import { parentPort, threadId } from 'node:worker_threads';
parentPort.on('message', (m) => {
  if (m.op === 'crash') process.exit(3);
  if (m.op === 'hang') return;
  if (m.op === 'fail') return parentPort.postMessage({ ok: false, message: 'render failed' });
  const shared = new Int32Array(m.counter);
  const now = Atomics.add(shared, 0, 1) + 1;
  const peak = Atomics.load(shared, 1);
  if (now > peak) Atomics.store(shared, 1, now);
  setTimeout(() => {
    Atomics.sub(shared, 0, 1);
    parentPort.postMessage({ ok: true, body: new Uint8Array([threadId % 256]) });
  }, m.ms);
});`)}`,
);

let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
});

describe('WorkerPool', () => {
  it('runs tasks in worker threads, at most its size at once, reusing the workers', async () => {
    pool = new WorkerPool(SCRIPT, { size: 2, timeoutMs: 10_000, idleMs: 60_000, name: 'test worker' });
    const counter = new SharedArrayBuffer(8);
    const bodies = await Promise.all(Array.from({ length: 6 }, () => pool!.run({ op: 'work', ms: 60, counter })));
    expect(bodies.every((b) => Buffer.isBuffer(b) && b.length === 1)).toBe(true);
    const shared = new Int32Array(counter);
    expect(shared[1]).toBe(2);
    expect(new Set(bodies.map((b) => b[0])).size).toBe(2);
    expect(pool.workers).toBe(2);
  });

  it('a crashed or overrunning worker fails only its task (500) and is replaced; an error answer keeps the worker', async () => {
    pool = new WorkerPool(SCRIPT, { size: 1, timeoutMs: 800, idleMs: 60_000, name: 'test worker' });
    const counter = new SharedArrayBuffer(8);
    const crash = pool.run({ op: 'crash' });
    const after = pool.run({ op: 'work', ms: 1, counter });
    await expect(crash).rejects.toThrow(/^test worker: worker exited \(3\)$/);
    expect((await after).length).toBe(1);
    await expect(pool.run({ op: 'hang' })).rejects.toThrow(/deadline of 800 ms/);
    expect((await pool.run({ op: 'work', ms: 1, counter })).length).toBe(1);
    await expect(pool.run({ op: 'fail' })).rejects.toThrow('test worker: render failed');
    expect(pool.workers).toBe(1);
    expect((await pool.run({ op: 'work', ms: 1, counter })).length).toBe(1);
  });

  it('ends a worker idle for idleMs and starts one again for the next task', async () => {
    pool = new WorkerPool(SCRIPT, { size: 1, timeoutMs: 5_000, idleMs: 150, name: 'test worker' });
    const counter = new SharedArrayBuffer(8);
    await pool.run({ op: 'work', ms: 1, counter });
    expect(pool.workers).toBe(1);
    await new Promise((r) => setTimeout(r, 400));
    expect(pool.workers).toBe(0);
    expect((await pool.run({ op: 'work', ms: 1, counter })).length).toBe(1);
    expect(pool.workers).toBe(1);
  });
});
