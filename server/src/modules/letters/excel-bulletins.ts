import type { BulletinListItem, BulletinListQuery } from '@liandong/domain/reform/contracts-letters';
import { BULLETIN_SCOPE_LABELS, BULLETIN_TYPE_LABELS } from '@liandong/domain/reform/enums';
import { allPages, type Column, exportSheet, filtersOf, type SheetRow } from '../../platform/excel';
import type { Ctx } from '../../platform/context';
import { listBulletins } from './service-bulletins';

/* Excel of the 通报 list: the list's own query, filters and visibility; watermark line; audited. */

const MAX_ROWS = 20_000;
const PAGE = 100;

const COLUMNS: Column[] = [
  { key: 'no', header: '序号', width: 6 },
  { key: 'docNo', header: '文号', width: 20 },
  { key: 'title', header: '标题', width: 40 },
  { key: 'type', header: '类型', width: 18 },
  { key: 'scope', header: '范围', width: 10 },
  { key: 'campaign', header: '所属专项整治', width: 26 },
  { key: 'recipients', header: '主送', width: 30 },
  { key: 'ownerOrg', header: '起草部门', width: 22 },
  { key: 'issuedOn', header: '印发日期', width: 12 },
];

function row(b: BulletinListItem, i: number): SheetRow {
  return {
    no: i + 1,
    docNo: b.docNo ?? '未印发',
    title: b.title,
    type: BULLETIN_TYPE_LABELS[b.type].zh,
    scope: BULLETIN_SCOPE_LABELS[b.scope].zh,
    campaign: b.campaignName,
    recipients: b.recipients,
    ownerOrg: b.ownerOrg.name,
    issuedOn: b.issuedOn,
  };
}

/** GET /api/v1/bulletins/export.xlsx */
export async function exportBulletins(ctx: Ctx, q: BulletinListQuery): Promise<Buffer> {
  const items = await allPages((page, pageSize) => listBulletins(ctx, { ...q, page, pageSize }), MAX_ROWS, PAGE);
  const rows = items.map(row);
  return exportSheet(ctx, {
    sheet: '通报',
    columns: COLUMNS,
    rows,
    title: '通报',
    audit: { type: 'bulletin.exported', objectType: 'bulletin', payload: { filters: filtersOf(q), rows: rows.length } },
  });
}
