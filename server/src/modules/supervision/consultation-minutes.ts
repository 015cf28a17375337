import { LIST_TYPE_LABELS } from '@liandong/domain/supervision/enums';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { DocCopy } from '../../platform/official-doc';
import { officialDay } from '../../platform/official-doc';
import { renderMinutes } from '../../platform/official-doc-minutes';
import { loadOrganNames } from '../../platform/organs';
import { getList } from './service-lists';

/*
 * A 室组会商 record (list_consultation) as a 纪要: GET /supervision/lists/:id/consultations/:consultationId/minutes.docx.
 * Scoped exactly like the list it belongs to (getList: 404 outside the caller's scope, and 404 for a record of
 * another list); every export is audited with the copy exported.
 */

export async function exportConsultationMinutes(ctx: Ctx, listId: string, consultationId: string, copy: DocCopy): Promise<{ filename: string; body: Buffer }> {
  const list = await getList(ctx, listId);
  const c = list.consultations.find((x) => x.id === consultationId);
  if (!c) throw notFound('室组会商记录');
  const info = await loadOrganNames(ctx.db, ctx.actor.commissionId);
  const kind = LIST_TYPE_LABELS[list.type].zh;
  const who = (p: (typeof c.participants)[number]) => `${p.name}${p.orgName || p.role ? `（${[p.orgName, p.role].filter(Boolean).join('，')}）` : ''}`;
  const body = await renderMinutes({
    exporter: ctx.actor,
    demo: info.isDemo,
    mark: `${info.discipline}室组会商纪要`,
    title: `${list.liaisonOfficeName}与${list.ownerGroupName}关于${list.year}年度${kind}的室组会商纪要`,
    opening: `${officialDay(c.heldOn)}，${list.liaisonOfficeName}与${list.ownerGroupName}${c.place ? `在${c.place}` : ''}就${list.year}年度${kind}进行室组会商。现将会商意见纪要如下：`,
    minutes: c.opinions,
    sections: [],
    present: c.participants.map(who),
    printer: { name: info.office, date: officialDay(c.heldOn) },
    copy,
  });
  await ctx.db.transaction().execute((trx) =>
    audit(trx, ctx, {
      type: 'supervision.consultation_minutes_exported',
      objectType: 'supervision_list',
      objectId: listId,
      payload: refs({ consultationId, copy }),
    }),
  );
  return { filename: `${list.ownerGroupName}${list.year}年度室组会商纪要${copy === 'print' ? '（打印用）' : ''}.docx`.replace(/[\\/:*?"<>|]/g, '_'), body };
}
