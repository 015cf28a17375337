import os from 'node:os';
import { Worker } from 'node:worker_threads';

/*
 * Documents rendered off the main thread (issue 12, "Documents"): a DOCX of a draft takes tens of ms of CPU
 * in the docx builder, and 32 exports at once would otherwise queue every other request of the node behind
 * them. A small pool of worker threads (render-worker.mjs) runs the named jobs of one module (its DOC_JOBS
 * export) with plain-data arguments and answers the bytes. Threads start on first use and end after a
 * while without work, so an idle node keeps its memory. DOC_RENDER_WORKERS sets the size (default: the
 * machine's cores, at most 4); 0 renders on the main thread as before.
 */

type Job = (...args: never[]) => Promise<Buffer> | Buffer;
export type DocJobs = Record<string, Job>;

interface Task {
  id: number;
  job: string;
  args: unknown[];
  resolve(b: Buffer): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: Task;
  idle?: NodeJS.Timeout;
  timeout?: NodeJS.Timeout;
}

const WORKER_URL = new URL('./render-worker.mjs', import.meta.url);

/** Threads of a pool when DOC_RENDER_WORKERS is not set. */
export function defaultRenderWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DOC_RENDER_WORKERS;
  if (raw === undefined || raw.trim() === '') return Math.min(4, os.availableParallelism());
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 16) throw new Error('DOC_RENDER_WORKERS must be an integer from 0 to 16');
  return n;
}

export interface RenderPoolOptions<J extends DocJobs> {
  /** The module whose DOC_JOBS the threads run (import.meta.url of the module that defines `local`). */
  moduleUrl: string;
  /** The same jobs on this thread: for a pool of size 0, and when a thread cannot start. */
  local: J;
  size?: number;
  /** A thread without work for this long ends. */
  idleMs?: number;
  /** A job running longer ends its thread and fails. */
  timeoutMs?: number;
}

export class RenderPool<J extends DocJobs> {
  private readonly slots: Slot[] = [];
  private readonly line: Task[] = [];
  private next = 1;
  /** Set when a thread could not start: jobs then run here, as with size 0. */
  private broken = false;
  readonly size: number;
  private readonly idleMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly opts: RenderPoolOptions<J>) {
    this.size = opts.size ?? defaultRenderWorkers();
    this.idleMs = opts.idleMs ?? 30_000;
    this.timeoutMs = opts.timeoutMs ?? 60_000;
  }

  /** Threads running now (for tests). */
  get threads(): number {
    return this.slots.length;
  }

  /** Runs job(...args) on a thread of the pool; the arguments must be plain data (structured clone). */
  run<K extends keyof J & string>(job: K, ...args: Parameters<J[K]>): Promise<Buffer> {
    if (this.size === 0 || this.broken) return Promise.resolve(this.opts.local[job]!(...(args as never[])));
    return new Promise<Buffer>((resolve, reject) => {
      this.line.push({ id: this.next++, job, args, resolve, reject });
      this.pump();
    });
  }

  /** Ends every thread (jobs in flight fail). */
  async close(): Promise<void> {
    const all = this.slots.splice(0);
    await Promise.all(all.map((s) => this.end(s, new Error('document pool closed'))));
  }

  private pump(): void {
    while (this.line.length) {
      const slot = this.slots.find((s) => s.ready && !s.task);
      if (!slot) {
        if (this.slots.length < this.size) this.spawn();
        return;
      }
      this.assign(slot, this.line.shift()!);
    }
  }

  private assign(slot: Slot, task: Task): void {
    clearTimeout(slot.idle);
    slot.task = task;
    slot.timeout = setTimeout(() => void this.end(slot, new Error(`document job ${task.job} took longer than ${this.timeoutMs} ms`)), this.timeoutMs);
    slot.worker.postMessage({ id: task.id, job: task.job, args: task.args });
  }

  private spawn(): void {
    const worker = new Worker(WORKER_URL, { workerData: { module: this.opts.moduleUrl } });
    worker.unref();
    const slot: Slot = { worker, ready: false };
    this.slots.push(slot);
    worker.on('message', (m: { ready?: true; id?: number; ok?: boolean; bytes?: Uint8Array; message?: string; stack?: string }) => {
      if (m.ready) {
        slot.ready = true;
        this.release(slot);
        return;
      }
      const task = slot.task;
      if (!task || task.id !== m.id) return;
      clearTimeout(slot.timeout);
      slot.task = undefined;
      if (m.ok) task.resolve(Buffer.from(m.bytes!.buffer, m.bytes!.byteOffset, m.bytes!.byteLength));
      else task.reject(Object.assign(new Error(m.message), { stack: m.stack }));
      this.release(slot);
    });
    worker.on('error', (err) => {
      // A thread that never came up (no tsx, a broken module): render here from now on, and say so once.
      if (!slot.ready && !this.broken) {
        this.broken = true;
        process.emitWarning(`document threads unavailable, rendering on the main thread: ${err.message}`);
      }
      void this.end(slot, err);
    });
    worker.on('exit', () => void this.end(slot, new Error('document thread exited')));
  }

  /** A slot free again: next job, or the idle timer. */
  private release(slot: Slot): void {
    if (this.line.length) {
      this.assign(slot, this.line.shift()!);
      return;
    }
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => void this.end(slot), this.idleMs);
    slot.idle.unref();
  }

  private async end(slot: Slot, err?: Error): Promise<void> {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    clearTimeout(slot.idle);
    clearTimeout(slot.timeout);
    const task = slot.task;
    slot.task = undefined;
    if (task) task.reject(err ?? new Error('document thread ended'));
    await slot.worker.terminate().catch(() => undefined);
    if (this.broken) {
      // Whatever waits runs here.
      for (const t of this.line.splice(0)) {
        Promise.resolve()
          .then(() => this.opts.local[t.job]!(...(t.args as never[])))
          .then(t.resolve, t.reject);
      }
    } else this.pump();
  }
}
