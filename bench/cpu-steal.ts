/**
 * CPU time the host took from this virtual machine ("steal", /proc/stat) over a timed run. On a shared host it
 * varies from 0 to 40 % within minutes, and every figure measured while it is high is slow for that reason alone:
 * each figure carries its run's steal so the table can be read for what it is.
 */
import { readFileSync } from 'node:fs';

export interface CpuTimes {
  steal: number;
  total: number;
}

/** The aggregate "cpu" line of /proc/stat (jiffies); undefined where there is none (not Linux). */
export function cpuTimes(): CpuTimes | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    if (!line.startsWith('cpu ')) return undefined;
    // user nice system idle iowait irq softirq steal guest guest_nice (guest is counted in user already)
    const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
    return { steal: v[7] ?? 0, total: v.reduce((a, b) => a + b, 0) };
  } catch {
    return undefined;
  }
}

/** Steal as a percentage of all CPU time between two readings; null when either is missing or no time passed. */
export function stealPct(before: CpuTimes | undefined, after: CpuTimes | undefined): number | null {
  if (!before || !after || after.total <= before.total) return null;
  return Math.round((1000 * (after.steal - before.steal)) / (after.total - before.total)) / 10;
}
