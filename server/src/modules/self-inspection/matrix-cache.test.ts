/**
 * The 自查自纠 matrix is cached per node (keyed by the 'campaign' data epoch and the day): whatever changes
 * an answer, a round's aspects or a unit's name — by any path, even outside the API — shows on the next read.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';

let t: TestApp;
let catering: string;
beforeAll(async () => {
  t = await createTestApp();
  catering = (await t.db.selectFrom('campaign').select('id').where('domain', '=', 'SCHOOL_CATERING').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

type Row = { unitId: string; unitName: string; problems: number; cells: { aspectId: string; light: string }[] };
const matrix = async (): Promise<{ items: Row[]; aspects: { id: string; title: string }[]; counts: Record<string, number> }> => {
  const res = await t.request({ method: 'GET', url: `/api/v1/campaigns/${catering}/self-inspection/matrix?pageSize=50`, as: 'dfzf.director' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('the cached matrix', () => {
  it('shows a renamed unit, a changed answer and a retitled aspect on the next read', async () => {
    const before = await matrix();
    expect(await matrix()).toEqual(before); // served from the cache, unchanged
    const unit = before.items[0]!;
    await t.db
      .updateTable('org')
      .set({ name_zh: `${unit.unitName}（更名）` })
      .where('id', '=', unit.unitId)
      .execute();
    expect((await matrix()).items.find((i) => i.unitId === unit.unitId)?.unitName).toBe(`${unit.unitName}（更名）`);

    // An answer accepted outside the API: the cell turns green and the counts follow.
    const cell = unit.cells.find((c) => c.light !== 'GREEN')!;
    await sql`UPDATE self_inspection_response SET ${sql.ref(await stateColumn())} = 'ACCEPTED', problems_count = 7
      WHERE unit_id = ${unit.unitId}::uuid AND aspect_id = ${cell.aspectId}::uuid
        AND round_id = (SELECT id FROM self_inspection_round WHERE campaign_id = ${catering}::uuid ORDER BY seq DESC LIMIT 1)`.execute(t.db);
    const after = await matrix();
    const row = after.items.find((i) => i.unitId === unit.unitId)!;
    expect(row.cells.find((c) => c.aspectId === cell.aspectId)?.light).toBe('GREEN');
    expect(after.counts.GREEN).toBe(before.counts.GREEN! + 1);

    const aspect = before.aspects[0]!;
    await t.db
      .updateTable('self_inspection_aspect')
      .set({ title: `${aspect.title}（修订）` })
      .where('id', '=', aspect.id)
      .execute();
    expect((await matrix()).aspects[0]?.title).toBe(`${aspect.title}（修订）`);
  });
});

/** The response's status column (named `state` once the machine is on the workflow kernel). */
async function stateColumn(): Promise<string> {
  const { rows } = await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns
    WHERE table_name = 'self_inspection_response' AND column_name IN ('state', 'status')`.execute(t.db);
  return rows[0]!.c;
}
