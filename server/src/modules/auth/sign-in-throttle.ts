import { AppError } from '../../platform/errors';

/** Failed sign-ins one client address may make per window before it must wait (登录失败限流). */
export const FAILED_SIGN_INS_PER_ADDRESS = 20;
/** All sign-ins (failed or not) one address may send per window: a flood of requests, not a person. */
export const SIGN_INS_PER_ADDRESS = 300;
const WINDOW_MS = 60_000;
/** Addresses kept at the most: beyond it the windows that have ended are dropped, then the oldest. */
const MAX_ADDRESSES = 50_000;

/**
 * 登录限流: a client address that failed to sign in `FAILED_SIGN_INS_PER_ADDRESS` times within a minute is refused
 * (429 with Retry-After) until the minute is over, before its password is checked — password spraying across many
 * accounts from one address (each account's own lockout counts only its own failures: `login.ts`). Successful
 * sign-ins and the TOTP prompt (口令正确，请输入动态口令) do not count: a commission's staff behind one NAT or proxy
 * all sign in within minutes at the start of the day, and a limit on every attempt refused the 21st colleague (and
 * the browser journeys, which sign in ~70 times from one address). The route's plain per-address limit
 * (`SIGN_INS_PER_ADDRESS`) still bounds a flood of any kind. One window per address and node, fixed from its first
 * failure, in memory (as @fastify/rate-limit keeps its counts).
 */
export class SignInThrottle {
  private readonly windows = new Map<string, { startedAt: number; failures: number }>();

  constructor(
    private readonly maxFailures = FAILED_SIGN_INS_PER_ADDRESS,
    private readonly windowMs = WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Refuses the address while its failures fill the current window; `RATE_LIMITED` carries the seconds to wait. */
  check(address: string): void {
    const window = this.current(address);
    if (window && window.failures >= this.maxFailures) {
      const seconds = Math.max(1, Math.ceil((window.startedAt + this.windowMs - this.now()) / 1000));
      throw new AppError('RATE_LIMITED', `登录失败次数过多，请${seconds}秒后再试`, { retryAfterSeconds: seconds });
    }
  }

  /** Counts a failed sign-in of the address. */
  failed(address: string): void {
    const window = this.current(address);
    if (window) window.failures++;
    else {
      if (this.windows.size >= MAX_ADDRESSES) this.prune();
      this.windows.set(address, { startedAt: this.now(), failures: 1 });
    }
  }

  private current(address: string) {
    const window = this.windows.get(address);
    if (window && this.now() - window.startedAt >= this.windowMs) {
      this.windows.delete(address);
      return undefined;
    }
    return window;
  }

  private prune(): void {
    const now = this.now();
    for (const [address, window] of this.windows) if (now - window.startedAt >= this.windowMs) this.windows.delete(address);
    // Still full: the oldest windows go first (a Map iterates in insertion order).
    for (const address of this.windows.keys()) {
      if (this.windows.size < MAX_ADDRESSES) break;
      this.windows.delete(address);
    }
  }
}

/** Seconds a `RATE_LIMITED` error of the throttle asks the client to wait, for its Retry-After header. */
export function retryAfterOf(err: unknown): number | undefined {
  if (!(err instanceof AppError) || err.code !== 'RATE_LIMITED') return undefined;
  const seconds = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : undefined;
}
