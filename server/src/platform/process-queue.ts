import { spawn } from 'node:child_process';

/*
 * Running an external program (LibreOffice) for a request. LibreOffice starts a wrapper that starts
 * soffice.bin, which may start more; killing only the direct child leaves the rest running and holding
 * memory. So the program gets its own process group, and the whole group is killed when it overruns its
 * deadline and again after it exits (stragglers). Callers bound how many run at once with a Gate.
 */

export interface RunOptions {
  /** Deadline; the process group is killed with SIGKILL after it. */
  timeoutMs: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** The program overran its deadline and its process group was killed. */
export class ProcessTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`process timed out after ${timeoutMs} ms`);
  }
}

/** The program exited unsuccessfully (non-zero code or a signal); stderr is its last 2 kB. */
export class ProcessFailedError extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly stderr: string,
  ) {
    super(`process failed (${signal ?? exitCode}): ${stderr}`);
  }
}

function killGroup(pid: number | undefined) {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}

/** Runs bin with args in a new process group; resolves on exit 0, rejects on failure or timeout (group killed). */
export function runProcess(bin: string, args: string[], options: RunOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2048);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    // 'exit', not 'close': a straggler that escaped the group may hold stderr open for ever.
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      killGroup(child.pid);
      if (timedOut) reject(new ProcessTimeoutError(options.timeoutMs));
      else if (code === 0) resolve();
      else reject(new ProcessFailedError(code, signal, stderr));
    });
  });
}
