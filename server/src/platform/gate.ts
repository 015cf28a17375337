import type { ErrorCode } from '@liandong/domain/platform/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors';

/*
 * A counting semaphore with a short, bounded waiting line, for work that costs far more than a request
 * should (parsing an uploaded workbook, starting LibreOffice). Two cores serve the whole commission: a
 * handful of such jobs at once is what the node can carry, so the next few wait a little and the rest
 * are told at once to come back later (429/503 with Retry-After) instead of piling up in memory.
 */

/** The refusal of a full gate; the route's onError hook turns retryAfterSeconds into a Retry-After header. */
export class BusyError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message, { retryAfterSeconds });
  }
}

export interface GateOptions {
  /** Jobs running at the same time. */
  concurrency: number;
  /** Jobs allowed to wait for a slot; one more is refused at once. */
  maxQueue: number;
  /** How long a waiting job waits before it is refused. */
  maxWaitMs: number;
  /** What the refusal suggests as Retry-After. */
  retryAfterSeconds: number;
  /** RATE_LIMITED (429) or SERVER_BUSY (503). */
  busyCode: ErrorCode;
  /** zh-CN message of the refusal. */
  busyMessage: string;
}

interface Waiter {
  grant(): void;
  timer: NodeJS.Timeout;
}

/** A per-node gate: run(job) runs job when a slot is free, or throws BusyError when the line is full or the wait too long. */
export class Gate {
  private active = 0;
  private readonly line: Waiter[] = [];

  constructor(readonly options: GateOptions) {}

  /** Jobs running now (for tests and health). */
  get running(): number {
    return this.active;
  }

  /** Jobs waiting now. */
  get waiting(): number {
    return this.line.length;
  }

  /** Runs job inside a slot; the slot is released however the job ends. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await job();
    } finally {
      this.release();
    }
  }

  private busy(): BusyError {
    return new BusyError(this.options.busyCode, this.options.busyMessage, this.options.retryAfterSeconds);
  }

  private acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    if (this.line.length >= this.options.maxQueue) return Promise.reject(this.busy());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const i = this.line.indexOf(waiter);
          if (i >= 0) this.line.splice(i, 1);
          reject(this.busy());
        }, this.options.maxWaitMs),
      };
      this.line.push(waiter);
    });
  }

  private release() {
    const next = this.line.shift();
    // The slot passes straight to the next in line; active stays the same.
    if (next) next.grant();
    else this.active--;
  }
}

/**
 * Route-level onError hook: a BusyError gets its Retry-After header (Fastify runs onError before the
 * error handler, and headers set here are kept in the error response).
 */
export async function retryAfterOnError(_req: FastifyRequest, reply: FastifyReply, err: Error) {
  if (err instanceof BusyError) reply.header('Retry-After', String(err.retryAfterSeconds));
}
