import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BackupSecret } from './envelope';

/**
 * The backup secret named on the command line: `--key-file FILE` (its bytes), `--passphrase-file FILE`
 * (its first line) or the LIANDONG_BACKUP_PASSPHRASE variable. Never a passphrase in the arguments:
 * those are visible to every user of the machine in the process list.
 */
export function secretFrom(values: { 'key-file'?: string; 'passphrase-file'?: string }, env: NodeJS.ProcessEnv = process.env): BackupSecret | undefined {
  if (values['key-file'] && values['passphrase-file'])
    throw new Error('--key-file 与 --passphrase-file 只能选一个 — give either a key file or a passphrase file');
  if (values['key-file']) return { keyFile: userPath(values['key-file']) };
  if (values['passphrase-file']) {
    const passphrase = readFileSync(userPath(values['passphrase-file']), 'utf8').split(/\r?\n/)[0] ?? '';
    if (passphrase.length < 12) throw new Error('备份口令至少 12 个字符 — the backup passphrase must have at least 12 characters');
    return { passphrase };
  }
  const fromEnv = env.LIANDONG_BACKUP_PASSPHRASE;
  if (fromEnv) {
    if (fromEnv.length < 12) throw new Error('备份口令至少 12 个字符 — the backup passphrase must have at least 12 characters');
    return { passphrase: fromEnv };
  }
  return undefined;
}

/**
 * A path given on the command line, resolved against the folder the user ran `npm run` in (npm moves
 * the process to the package root and leaves the original in INIT_CWD).
 */
export function userPath(p: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.INIT_CWD ?? process.cwd(), p);
}
