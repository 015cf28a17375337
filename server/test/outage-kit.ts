import { readdirSync, readFileSync } from 'node:fs';
import type { Db } from '../src/db/pool';
import { createSession } from '../src/modules/auth';

/** Shared by the crash and outage tests: sessions, the create burst, and the process tree of a postmaster. */

/** A session token for a demo account, written straight into the database (no password/TOTP round trip). */
export async function sessionToken(db: Db, username: string): Promise<string> {
  const u = await db.selectFrom('app_user').select(['id', 'commission_id']).where('username', '=', username).executeTakeFirstOrThrow();
  const s = await createSession(db, {
    userId: u.id,
    commissionId: u.commission_id,
    ip: '127.0.0.1',
    userAgent: 'vitest',
    absoluteHours: 12,
    restriction: null,
  });
  return s.token;
}

/** A document code that jc3.director may number under (a create with a gap-free, countable result). */
export async function docCodeOf(db: Db): Promise<string> {
  const row = await db.selectFrom('org').select('doc_code').where('doc_code', 'is not', null).executeTakeFirstOrThrow();
  return row.doc_code as string;
}

export interface Outcome {
  key: string;
  status: number;
  body: string;
}

/** Each key's create is marked by its purpose, so that the test can count its rows. */
export const purposeOf = (key: string) => `崩溃恢复测试 ${key}`;

/** How many document numbers each key produced (every acknowledged key must have exactly one). */
export async function rowsPerKey(db: Db, keys: string[]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('doc_number')
    .select(['purpose'])
    .where(
      'purpose',
      'in',
      keys.map((k) => purposeOf(k)),
    )
    .execute();
  const counts = new Map(keys.map((k) => [k, 0]));
  for (const r of rows) {
    const key = String(r.purpose).slice(purposeOf('').length);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Retries every key until it gets a definitive answer (2xx). 409 "in progress" and 503 are retried for
 * up to `withinMs`; a key that never gets past them is reported with its last answer.
 */
export async function retryAll(send: (key: string) => Promise<Outcome>, keys: string[], withinMs: number): Promise<Map<string, Outcome>> {
  const deadline = Date.now() + withinMs;
  const final = new Map<string, Outcome>();
  let pending = [...keys];
  while (pending.length > 0) {
    const results = await Promise.all(pending.map((k) => send(k).catch((e: Error) => ({ key: k, status: 0, body: e.message }))));
    pending = [];
    for (const r of results) {
      final.set(r.key, r);
      if ((r.status === 409 || r.status === 503 || r.status === 0) && Date.now() < deadline) pending.push(r.key);
    }
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 500));
  }
  return final;
}

/** The postmaster and every process below it (backends, background workers), postmaster first. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** Sends `signal` to every pid, ignoring those that are gone. */
export function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Polls `probe` until it returns true or `withinMs` passes; returns whether it did. */
export async function eventually(probe: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Runs `fn` and returns its result with the elapsed milliseconds; gives up (status -1) after `capMs`. */
export async function timed<T>(fn: () => Promise<T>, capMs: number): Promise<{ value: T | undefined; ms: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const value = await Promise.race([fn(), new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), capMs)))]);
  clearTimeout(timer);
  return { value, ms: Date.now() - started };
}
