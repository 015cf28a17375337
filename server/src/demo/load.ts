import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/pool';
import { hashPassword } from '../modules/auth';
import { writeAudit } from '../platform/audit';
import type { FieldCipher } from '../platform/crypto';
import { seedCommissionBasics } from '../platform/bootstrap/seed';
import { loadDemoSelfInspection } from './campaign-selfcheck';
import { loadDemoInspections } from './campaign-inspections';
import { loadDemoIntegrity } from './integrity';
import { loadDemoIntegrityFiles } from './integrity-files';
import { loadDemoCampaigns } from './campaigns';
import { loadDemoTaskForces } from './campaign-taskforce';
import { loadDemoClues } from './clues';
import { loadDemoMeetings } from './meetings';
import { loadDemoHeads } from './org-heads';
import { loadDemoSecondments } from './secondments';
import { loadDemoShares } from './shares';
import { loadDemoWorkReports } from './work-reports';
import { loadDemoProblems } from './problems';
import { loadDemoReform } from './reform';
import { loadDemoSupervision } from './supervision';
import {
  DEMO_COMMISSION,
  DEMO_ORGAN_SETTINGS,
  DEMO_LABEL,
  DEMO_PASSWORD,
  demoAccounts,
  demoCoverage,
  demoLeaders,
  demoLiaison,
  demoOrgs,
  demoOversight,
  demoSupervisedPersons,
  demoZones,
} from './data';

/** Links and leaders start on this date so that the demo year's history is covered. */
const DEMO_FROM = '2025-01-01';

/**
 * Loads the demo commission (演示数据) in one transaction: organisations, leaders and 分管, 联系, 派驻,
 * 片区, about sixty accounts and a few supervised persons, the supervision lists, the clue book (whose
 * real-name complainants are sealed with `cipher`, the platform's SM4 field cipher) and 以案促改 (reform
 * records, letters, rectification tasks, accountability, a bulletin). Returns the commission id.
 */
export async function loadDemo(db: Db, cipher: FieldCipher): Promise<string> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const commission = await trx
      .insertInto('commission')
      .values({ code: DEMO_COMMISSION.code, name_zh: DEMO_COMMISSION.nameZh })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cid = commission.id;
    await seedCommissionBasics(trx, cid);
    // The organs' formal short names and the 印发机关 (系统配置, editable by the system administrator).
    await trx
      .insertInto('setting')
      .values(Object.entries(DEMO_ORGAN_SETTINGS).map(([key, value]) => ({ commission_id: cid, key, value: JSON.stringify(value) })))
      .execute();

    const orgId = new Map<string, string>();
    // Parents first: repeat passes until every org whose parent exists is inserted.
    let pending = [...demoOrgs];
    let sort = 0;
    while (pending.length) {
      const ready = pending.filter((o) => o.parentCode === null || orgId.has(o.parentCode));
      if (!ready.length) throw new Error(`demo orgs with unresolved parents: ${pending.map((o) => o.code).join(', ')}`);
      const rows = await trx
        .insertInto('org')
        .values(
          ready.map((o) => ({
            commission_id: cid,
            code: o.code,
            name_zh: o.nameZh,
            short_name: o.shortName,
            kind: o.kind,
            office_kind: o.officeKind ?? null,
            ordinal: o.ordinal ?? null,
            parent_id: o.parentCode ? orgId.get(o.parentCode)! : null,
            region_code: o.regionCode ?? null,
            doc_code: o.docCode ?? null,
            sort_order: sort++,
            valid_from: DEMO_FROM,
          })),
        )
        .returning(['id', 'code'])
        .execute();
      for (const r of rows) orgId.set(r.code, r.id);
      pending = pending.filter((o) => !orgId.has(o.code));
    }
    const org = (code: string) => {
      const id = orgId.get(code);
      if (!id) throw new Error(`demo data refers to unknown org ${code}`);
      return id;
    };

    const leaderPerson = new Map<string, string>();
    const leaderId = new Map<string, string>();
    for (const [i, l] of demoLeaders.entries()) {
      const p = await trx
        .insertInto('person')
        .values({
          commission_id: cid,
          name_zh: l.nameZh,
          gender: l.gender,
          unit_id: org(l.orgCode),
          position: `${l.title === 'SECRETARY' ? '书记、主任' : l.title === 'DEPUTY_SECRETARY' ? '副书记、副主任' : '常委'}（${DEMO_LABEL}）`,
          rank_level: 'BUREAU',
          is_demo: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      leaderPerson.set(l.key, p.id);
      const lm = await trx
        .insertInto('leadership_member')
        .values({ commission_id: cid, person_id: p.id, org_id: org(l.orgCode), title: l.title, sort_order: i, valid_from: DEMO_FROM })
        .returning('id')
        .executeTakeFirstOrThrow();
      leaderId.set(l.key, lm.id);
    }
    const oversightRows = demoOversight.flatMap((o) =>
      o.officeCodes.map((c) => ({ commission_id: cid, leader_id: leaderId.get(o.leaderKey)!, office_id: org(c), valid_from: DEMO_FROM })),
    );
    if (oversightRows.length) await trx.insertInto('oversight').values(oversightRows).execute();
    const liaisonRows = demoLiaison.flatMap((l) =>
      l.targetCodes.map((t) => ({ commission_id: cid, office_id: org(l.officeCode), target_id: org(t), valid_from: DEMO_FROM })),
    );
    if (liaisonRows.length) await trx.insertInto('liaison').values(liaisonRows).execute();
    if (demoCoverage.length) {
      await trx
        .insertInto('dispatch_coverage')
        .values(
          demoCoverage.map((c) => ({ commission_id: cid, group_id: org(c.groupCode), host_unit_id: org(c.hostUnitCode), role: c.role, valid_from: DEMO_FROM })),
        )
        .execute();
    }
    for (const z of demoZones) {
      const zone = await trx
        .insertInto('work_zone')
        .values({
          commission_id: cid,
          county_org_id: org(z.countyCode),
          name_zh: z.nameZh,
          lead_org_id: org(z.leadOrgCode),
          modes: [...z.modes],
          valid_from: DEMO_FROM,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('work_zone_member')
        .values(z.memberOrgCodes.map((m: string) => ({ commission_id: cid, zone_id: zone.id, org_id: org(m), valid_from: DEMO_FROM })))
        .execute();
    }
    for (const a of demoAccounts) {
      const personId = a.leaderKey
        ? leaderPerson.get(a.leaderKey)!
        : (
            await trx
              .insertInto('person')
              .values({
                commission_id: cid,
                name_zh: a.displayName,
                gender: a.gender,
                unit_id: org(a.orgCode),
                position: a.position,
                rank_level: a.rankLevel,
                is_demo: true,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
      const u = await trx
        .insertInto('app_user')
        .values({
          commission_id: cid,
          username: a.username,
          person_id: personId,
          org_id: org(a.orgCode),
          display_name: a.displayName,
          clearance: a.clearance,
          password_hash: passwordHash,
          must_change_password: false,
          is_demo: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('user_role')
        .values(a.roles.map((role) => ({ user_id: u.id, role })))
        .execute();
    }
    await loadDemoHeads(trx, cid);
    for (const p of demoSupervisedPersons) {
      await trx
        .insertInto('person')
        .values({
          commission_id: cid,
          name_zh: p.nameZh,
          gender: p.gender,
          birth_year: p.birthYear,
          unit_id: org(p.unitCode),
          position: p.position,
          rank_level: p.rankLevel,
          party_member: p.partyMember,
          cadre_management: p.cadreManagement,
          is_supervision_object: p.isSupervisionObject,
          is_subordinate_top_leader: p.isSubordinateTopLeader,
          is_demo: true,
        })
        .execute();
    }
    await loadDemoSupervision(trx, cid);
    // Campaigns first: the clues, reform records, letters, tasks, accountability and bulletins they produce link to them by id.
    const campaignIds = await loadDemoCampaigns(trx, cid);
    const clueIds = await loadDemoClues(trx, cid, cipher, campaignIds);
    await loadDemoReform(trx, cid, clueIds, campaignIds);
    await loadDemoTaskForces(trx, cid);
    await loadDemoSelfInspection(trx, cid, campaignIds, passwordHash);
    await loadDemoInspections(trx, cid, campaignIds);
    await loadDemoIntegrity(trx, cid);
    await loadDemoMeetings(trx, cid);
    await loadDemoShares(trx, cid);
    await loadDemoWorkReports(trx, cid);
    await loadDemoSecondments(trx, cid);
    await loadDemoProblems(trx, cid);
    await loadDemoIntegrityFiles(trx, cid);
    await writeAudit(trx, {
      type: 'demo.loaded',
      commissionId: cid,
      actorName: 'system',
      objectType: 'commission',
      objectId: cid,
      payload: { orgs: orgId.size, accounts: demoAccounts.length, label: DEMO_LABEL },
    });
    return cid;
  });
}

/**
 * A commission without demo data (DEMO=0): the municipal commission node and the three separated
 * administrators with random initial passwords that must be changed at first sign-in.
 */
export async function createEmptyCommission(db: Db, nameZh: string): Promise<{ commissionId: string; admins: { username: string; password: string }[] }> {
  const admins = ['sysadmin', 'secadmin', 'auditadmin'].map((username) => ({ username, password: `${randomBytes(9).toString('base64url')}#A1` }));
  const roleOf: Record<string, 'SYS_ADMIN' | 'SEC_ADMIN' | 'AUDIT_ADMIN'> = { sysadmin: 'SYS_ADMIN', secadmin: 'SEC_ADMIN', auditadmin: 'AUDIT_ADMIN' };
  const names: Record<string, string> = { sysadmin: '系统管理员', secadmin: '安全管理员', auditadmin: '安全审计员' };
  const hashes = await Promise.all(admins.map((a) => hashPassword(a.password)));
  const commissionId = await db.transaction().execute(async (trx) => {
    const c = await trx.insertInto('commission').values({ code: 'MAIN', name_zh: nameZh }).returning('id').executeTakeFirstOrThrow();
    await seedCommissionBasics(trx, c.id);
    const root = await trx
      .insertInto('org')
      .values({ commission_id: c.id, code: 'ROOT', name_zh: nameZh, short_name: nameZh, kind: 'MUNICIPAL_COMMISSION' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, a] of admins.entries()) {
      const p = await trx
        .insertInto('person')
        .values({ commission_id: c.id, name_zh: names[a.username]!, unit_id: root.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      const u = await trx
        .insertInto('app_user')
        .values({
          commission_id: c.id,
          username: a.username,
          person_id: p.id,
          org_id: root.id,
          display_name: names[a.username]!,
          password_hash: hashes[i]!,
          must_change_password: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('user_role').values({ user_id: u.id, role: roleOf[a.username]! }).execute();
    }
    await writeAudit(trx, { type: 'org.created', commissionId: c.id, actorName: 'system', objectType: 'org', objectId: root.id, payload: { bootstrap: true } });
    return c.id;
  });
  return { commissionId, admins };
}

export async function commissionCount(db: Db): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM commission`.execute(db);
  return r.rows[0]!.n;
}
