import { Worker } from 'node:worker_threads';

/*
 * A small pool of worker threads for CPU work a request must not do on the main thread (issue 12: rendering a
 * draft DOCX takes 30–90 ms of CPU; 32 exports at once on the main thread stall every other request behind
 * them). Each worker runs one task at a time; tasks wait in the pool's line (callers bound that line with a
 * Gate). Workers start on first use, end after a while idle (their memory returned), and are replaced after a crash or an overrun deadline (the worker is
 * terminated: a render that hangs never holds a slot for ever). A failed task rejects with a plain Error: the
 * error handler logs it and answers 500 without internals. They are unref'd: they never keep the process up.
 *
 * The worker script answers each message with { ok: true, body: Uint8Array } or { ok: false, message }.
 */

export interface WorkerPoolOptions {
  /** Workers at most (each runs one task at a time). */
  size: number;
  /** Deadline of one task; the worker is terminated after it. */
  timeoutMs: number;
  /** An idle worker is ended after this long (its memory returned); the next task starts one again. */
  idleMs: number;
  /** Named in the error of a failed task (a plain Error: the error handler logs it and answers a 500 without internals). */
  name: string;
}

type Reply = { ok: true; body: Uint8Array } | { ok: false; message: string };

interface Task {
  input: unknown;
  resolve(body: Buffer): void;
  reject(err: Error): void;
}

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly idleTimers = new Map<Worker, NodeJS.Timeout>();
  private readonly line: Task[] = [];
  private started = 0;

  constructor(
    private readonly script: URL,
    private readonly options: WorkerPoolOptions,
  ) {}

  /** Workers alive now (for tests). */
  get workers(): number {
    return this.started;
  }

  /** Runs one task in a worker; resolves with the bytes it answered. */
  run(input: unknown): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      this.line.push({ input, resolve, reject });
      this.dispatch();
    });
  }

  /** Terminates every idle worker (busy ones end with their task; tests and shutdown). */
  async close(): Promise<void> {
    const idle = this.idle.splice(0);
    for (const w of idle) clearTimeout(this.idleTimers.get(w));
    this.idleTimers.clear();
    this.started -= idle.length;
    await Promise.all(idle.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.line.length) {
      let worker = this.idle.pop();
      if (worker) {
        clearTimeout(this.idleTimers.get(worker));
        this.idleTimers.delete(worker);
      } else {
        if (this.started >= this.options.size) return;
        worker = this.spawn();
      }
      this.execute(worker, this.line.shift()!);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.script);
    worker.unref();
    this.started++;
    return worker;
  }

  /** Back in the idle list, ended if no task takes it within idleMs. */
  private rest(worker: Worker): void {
    this.idle.push(worker);
    const timer = setTimeout(() => {
      const i = this.idle.indexOf(worker);
      if (i < 0) return;
      this.idle.splice(i, 1);
      this.idleTimers.delete(worker);
      this.started--;
      void worker.terminate();
    }, this.options.idleMs);
    timer.unref();
    this.idleTimers.set(worker, timer);
  }

  private execute(worker: Worker, task: Task): void {
    let settled = false;
    const done = (outcome: { body: Buffer } | { error: Error }, keep: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (keep) this.rest(worker);
      else {
        this.started--;
        void worker.terminate();
      }
      if ('body' in outcome) task.resolve(outcome.body);
      else task.reject(outcome.error);
      this.dispatch();
    };
    const fail = (cause: string) => new Error(`${this.options.name}: ${cause}`);
    const onMessage = (m: Reply) =>
      m.ok ? done({ body: Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength) }, true) : done({ error: fail(m.message) }, true);
    const onError = (err: Error) => done({ error: fail(err.message) }, false);
    const onExit = (code: number) => done({ error: fail(`worker exited (${code})`) }, false);
    const timer = setTimeout(() => done({ error: fail(`deadline of ${this.options.timeoutMs} ms`) }, false), this.options.timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(task.input);
  }
}
