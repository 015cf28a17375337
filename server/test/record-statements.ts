import type pg from 'pg';

/** Every (text, values) a pool's connections are sent from now on (tests that count what a statement carries). */
export function recordStatements(pool: pg.Pool): { text: string; values: unknown[] }[] {
  const sent: { text: string; values: unknown[] }[] = [];
  pool.on('connect', (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [first, second] = args as [unknown, unknown];
      if (typeof first === 'string') sent.push({ text: first, values: Array.isArray(second) ? second : [] });
      else if (first && typeof first === 'object' && 'text' in first) {
        const c = first as { text: string; values?: unknown[] };
        sent.push({ text: c.text, values: c.values ?? [] });
      }
      return original(...args);
    };
  });
  return sent;
}
