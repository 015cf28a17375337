import type { ShareQuery } from '@liandong/domain/shares/contracts';
import {
  SHARE_BOX_LABELS,
  SHARE_DETAIL_LABELS,
  SHARE_EFFECT_LABELS,
  SHARE_KIND_LABELS,
  SHARE_OBJECT_TYPE_LABELS,
  SHARE_ORIGIN_LABELS,
  SHARE_STATE_LABELS,
} from '@liandong/domain/shares/enums';
import type { Ctx } from '../../platform/context';
import { exportSheet } from '../../platform/excel';
import { exportRows } from './service';
import { dateInZone } from '../../platform/zone';

/** GET /shares/export.xlsx — one box of the share ledger, as the screen shows it, watermarked and audited. */
export async function exportShares(ctx: Ctx, q: ShareQuery): Promise<Buffer> {
  const { items } = await exportRows(ctx, q);
  const title = `信息互通台账（${SHARE_BOX_LABELS[q.box].zh}）`;
  return exportSheet(ctx, {
    sheet: '信息互通台账',
    title,
    columns: [
      { key: 'createdAt', header: '发起时间', width: 12 },
      { key: 'origin', header: '方式', width: 10 },
      { key: 'kind', header: '类别', width: 14 },
      { key: 'owner', header: '共享单位', width: 24 },
      { key: 'grantee', header: '接收单位', width: 24 },
      { key: 'purpose', header: '事由', width: 40 },
      { key: 'scope', header: '共享范围', width: 20 },
      { key: 'detail', header: '程度', width: 8 },
      { key: 'period', header: '期限', width: 24 },
      { key: 'state', header: '状态', width: 10 },
      { key: 'effect', header: '效力', width: 10 },
      { key: 'approver', header: '审批人', width: 12 },
    ],
    rows: items.map((s) => ({
      createdAt: dateInZone(new Date(s.createdAt)),
      origin: SHARE_ORIGIN_LABELS[s.origin].zh,
      kind: SHARE_KIND_LABELS[s.kind].zh,
      owner: s.ownerOrg.name,
      grantee: s.granteeOrg.name,
      purpose: s.purpose,
      scope: s.categoryTypes.length ? `类别：${s.categoryTypes.map((t) => SHARE_OBJECT_TYPE_LABELS[t].zh).join('、')}` : `具体事项${s.objectCount}项`,
      detail: SHARE_DETAIL_LABELS[s.detail].zh,
      period: `${s.startsOn} 至 ${s.endsOn}`,
      state: SHARE_STATE_LABELS[s.state].zh,
      effect: SHARE_EFFECT_LABELS[s.effect].zh,
      approver: s.approver?.name ?? '',
    })),
    audit: { type: 'share.exported', objectType: 'commission', objectId: ctx.actor.commissionId, payload: { box: q.box, rows: items.length } },
  });
}
