/** The per-node single flight behind epochCached and the cockpit's cache: one computation per key, failures not kept. */
import { describe, expect, it } from 'vitest';
import { SingleFlight } from './epoch-cache';

describe('SingleFlight', () => {
  it('computes a key once for concurrent callers, then serves the kept answer', async () => {
    const flight = new SingleFlight<number>();
    const node = {};
    let runs = 0;
    let release: (v: number) => void = () => undefined;
    const compute = () => {
      runs++;
      return new Promise<number>((r) => {
        release = r;
      });
    };
    const a = flight.get(node, 'k', compute);
    const b = flight.get(node, 'k', compute);
    release(42);
    expect(await Promise.all([a, b])).toEqual([42, 42]);
    expect(await flight.get(node, 'k', compute)).toBe(42);
    expect(runs).toBe(1);
  });

  it('a failed computation fails its callers only: the next caller computes afresh, other keys are still served', async () => {
    const flight = new SingleFlight<string>();
    const node = {};
    expect(await flight.get(node, 'kept', async () => 'kept answer')).toBe('kept answer');
    let fail = true;
    const compute = async () => {
      if (fail) throw new Error('statement timeout');
      return 'fresh';
    };
    const [x, y] = await Promise.allSettled([flight.get(node, 'k', compute), flight.get(node, 'k', compute)]);
    expect(x.status).toBe('rejected');
    expect(y.status).toBe('rejected');
    expect(await flight.get(node, 'kept', async () => 'recomputed')).toBe('kept answer');
    fail = false;
    expect(await flight.get(node, 'k', compute)).toBe('fresh');
  });

  it('keys are per node, and a full node starts over', async () => {
    const flight = new SingleFlight<number>(2);
    const [n1, n2] = [{}, {}];
    expect(await flight.get(n1, 'k', async () => 1)).toBe(1);
    expect(await flight.get(n2, 'k', async () => 2)).toBe(2);
    await flight.get(n1, 'k2', async () => 3);
    await flight.get(n1, 'k3', async () => 4);
    expect(await flight.get(n1, 'k', async () => 5)).toBe(5);
    expect(await flight.get(n2, 'k', async () => 6)).toBe(2);
  });
});

describe('SingleFlight slots', () => {
  it('runs at most `slots` computations at once per node; the others wait their turn and all complete', async () => {
    const flight = new SingleFlight<number>(500, 2);
    const node = {};
    let running = 0;
    let most = 0;
    const compute = (v: number) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (v === 3) throw new Error('a failure frees its slot too');
      return v;
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((v) => flight.get(node, `k${v}`, compute(v))));
    expect(most).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([1, 2, 'failed', 4, 5, 6]);
    expect(await flight.get(node, 'k7', compute(7))).toBe(7);
  });
});
