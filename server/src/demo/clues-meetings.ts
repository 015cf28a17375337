/**
 * 演示数据 — 集体排查 meetings on demo clues and the 打听案情、说情干预登记 entries (clues-data.ts).
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/types';
import type { DemoDirectory } from './clues';
import { demoClueMeetings, demoInterference } from './clues-data';
import { at } from './clues-timeline';

export async function loadMeetingsAndInterference(trx: Transaction<DB>, dir: DemoDirectory, ids: Map<string, string>) {
  for (const m of demoClueMeetings) {
    const meeting = await trx
      .insertInto('clue_meeting')
      .values({
        commission_id: dir.cid,
        org_id: dir.org(m.orgCode),
        title: m.title,
        held_on: m.heldOn,
        place: m.place,
        chair_user_id: dir.user(m.chair).id,
        participant_user_ids: m.participants.map((u) => dir.user(u).id),
        participants_text: m.participantsText,
        minutes: m.minutes,
        created_by: dir.user(m.chair).id,
        created_at: at(m.heldOn, 17),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('clue_meeting_item')
      .values(m.items.map((i) => ({ meeting_id: meeting.id, clue_id: ids.get(i.clue)!, method: i.method, decision: i.decision })))
      .execute();
  }
  const caseOf = new Map(
    (await trx.selectFrom('clue').select(['id', 'case_id']).where('commission_id', '=', dir.cid).where('case_id', 'is not', null).execute()).map((r) => [
      r.id,
      r.case_id,
    ]),
  );
  await trx
    .insertInto('interference_record')
    .values(
      demoInterference.map((r) => {
        const clueId = 'clueOf' in r ? ids.get(r.clueOf)! : null;
        const caseId = 'caseOf' in r ? caseOf.get(ids.get(r.caseOf)!)! : null;
        const u = dir.user(r.recordedBy);
        return {
          commission_id: dir.cid,
          case_id: caseId,
          clue_id: clueId,
          kind: r.kind,
          enquirer_name: r.enquirerName,
          enquirer_unit: r.enquirerUnit,
          enquirer_position: r.enquirerPosition,
          channel: r.channel,
          content: r.content,
          occurred_at: new Date(r.occurredAt),
          reported_to: r.reportedTo,
          handling: '已拒绝并按规定登记报告。',
          recorded_by: u.id,
          recorder_org_id: u.org_id,
          created_at: new Date(r.occurredAt),
        };
      }),
    )
    .execute();
}
