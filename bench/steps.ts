/**
 * Where a run's wall time goes inside its phases (issue 12: small scale under six minutes): each step of the
 * per-figure measuring (probe, warm-up, timed run, pg_stat_statements snapshot, drain, one-connection run, …) is
 * timed with `timed(name, …)` and summed by name; `latest.json` gets the sums (`steps`) and each figure's wall
 * seconds (`figure_wall_s`), so the overhead around the measured runs can be read off a run.
 */

export interface StepTotal {
  /** Wall seconds spent in this step over the whole run. */
  total_s: number;
  count: number;
  /** Mean wall ms per occurrence. */
  mean_ms: number;
}

const totals = new Map<string, { ms: number; count: number }>();

/** Adds `ms` to the step `name`. */
export function addStep(name: string, ms: number): void {
  const t = totals.get(name) ?? { ms: 0, count: 0 };
  t.ms += ms;
  t.count++;
  totals.set(name, t);
}

/** Runs `fn`, adding its wall time (also when it throws) to the step `name`. */
export async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    addStep(name, performance.now() - started);
  }
}

/** The sums so far, largest first. */
export function stepTotals(): Record<string, StepTotal> {
  return Object.fromEntries(
    [...totals.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([k, v]) => [k, { total_s: Math.round(v.ms / 100) / 10, count: v.count, mean_ms: Math.round(v.ms / v.count) }]),
  );
}
