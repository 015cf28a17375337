import type { FileListQuery } from '@liandong/domain/integrity-files/contracts';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { exportSheet } from '../../platform/excel';
import { custodianOrgOf } from './access';
import { queryFiles } from './service-files';

/** GET /integrity-files/export.xlsx — the custodian's register (no file content), watermarked and audited. */
export async function exportFiles(ctx: Ctx, q: Partial<FileListQuery>): Promise<Buffer> {
  if (!(await custodianOrgOf(ctx.db, ctx.actor))) throw notFound('廉政档案');
  const { items } = await queryFiles(ctx.db, ctx, q, { limit: 5000, offset: 0 });
  return exportSheet(ctx, {
    sheet: '廉政档案',
    title: '廉政档案台账',
    columns: [
      { key: 'name', header: '姓名', width: 12 },
      { key: 'unit', header: '单位', width: 28 },
      { key: 'position', header: '职务', width: 24 },
      { key: 'entries', header: '登记条目', width: 10 },
      { key: 'updated', header: '最近更新', width: 14 },
      { key: 'stale', header: '超过一年未更新', width: 14 },
      { key: 'reads', header: '查阅次数', width: 10 },
    ],
    rows: items.map((f) => ({
      name: f.person.name,
      unit: f.person.unitName,
      position: f.person.position,
      entries: f.entries,
      updated: f.contentUpdatedAt.slice(0, 10),
      stale: f.stale ? '是' : '否',
      reads: f.reads,
    })),
    audit: { type: 'integrityfile.exported', objectType: 'integrity_file', payload: { rows: items.length, stale: q.stale ?? null, keyword: Boolean(q.q) } },
  });
}
