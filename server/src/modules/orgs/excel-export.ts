import { labelOf } from '@liandong/domain/labels';
import {
  COVERAGE_ROLE_LABELS,
  type CoverageRole,
  LEADER_TITLE_LABELS,
  type LeaderTitle,
  OFFICE_KIND_LABELS,
  type OfficeKind,
  ORG_KIND_LABELS,
  type OrgKind,
  ZONE_MODE_LABELS,
  type ZoneMode,
} from '@liandong/domain/org/enums';
import { audit } from '../../platform/audit';
import { newWorkbook, workbookBytes } from '../../platform/excel';
import type { Ctx } from '../../platform/context';
import { COMMISSION_TIME_ZONE } from '../../platform/zone';
import {
  DISPATCH_COLUMNS,
  LEADER_COLUMNS,
  LIAISON_COLUMNS,
  ORG_COLUMNS,
  OVERSIGHT_COLUMNS,
  SHEET,
  writeSheet,
  ZONE_COLUMNS,
  ZONE_MEMBER_COLUMNS,
} from './excel-sheets';
import { leaderVisible, linkVisible, orgVisible, zoneVisible } from './scope';

/** Local time of the commission for the header line (exports are read by people, not machines). */
function stamp(d = new Date()): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: COMMISSION_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  })
    .format(d)
    .replace(/\//g, '-');
}

/**
 * GET /orgs/export.xlsx — the structure visible to the caller, history included (retired orgs,
 * ended links), one sheet per relation. Every sheet starts with "导出人 … 时间 …" (watermark);
 * the export itself is audited (org.exported) before the file is handed out.
 */
export async function exportStructure(ctx: Ctx): Promise<Buffer> {
  const { db, actor } = ctx;
  const cid = actor.commissionId;
  const [orgs, links, leaders, oversight, zones, members] = await Promise.all([
    db
      .selectFrom('org as o')
      .leftJoin('org as p', 'p.id', 'o.parent_id')
      .select([
        'o.code',
        'o.name_zh',
        'o.short_name',
        'o.kind',
        'o.office_kind',
        'o.ordinal',
        'p.code as parent_code',
        'o.region_code',
        'o.doc_code',
        'o.sort_order',
        'o.valid_from',
        'o.valid_to',
      ])
      .where('o.commission_id', '=', cid)
      .where(orgVisible(actor, 'o.id'))
      .orderBy('o.sort_order')
      .orderBy('o.code')
      .execute(),
    db
      .selectFrom('org_link as l')
      .innerJoin('org as f', 'f.id', 'l.from_id')
      .innerJoin('org as t', 't.id', 'l.to_id')
      .select(['l.type', 'f.code as from_code', 'f.name_zh as from_name', 't.code as to_code', 't.name_zh as to_name', 'l.role', 'l.valid_from', 'l.valid_to'])
      .where('l.commission_id', '=', cid)
      .where('l.type', 'in', ['LIAISON', 'DISPATCH'])
      .where(linkVisible(actor, 'l'))
      .orderBy('f.sort_order')
      .orderBy('t.sort_order')
      .orderBy('l.valid_from')
      .execute(),
    db
      .selectFrom('leadership_member as lm')
      .innerJoin('person as p', 'p.id', 'lm.person_id')
      .innerJoin('org as o', 'o.id', 'lm.org_id')
      .select(['p.name_zh', 'lm.title', 'o.code as org_code', 'o.name_zh as org_name', 'lm.valid_from', 'lm.valid_to'])
      .where('lm.commission_id', '=', cid)
      .where(leaderVisible(actor, 'lm'))
      .orderBy('o.sort_order')
      .orderBy('lm.sort_order')
      .execute(),
    db
      .selectFrom('org_link as l')
      .innerJoin('org as t', 't.id', 'l.to_id')
      .select(['l.from_name', 't.code as to_code', 't.name_zh as to_name', 'l.valid_from', 'l.valid_to'])
      .where('l.commission_id', '=', cid)
      .where('l.type', '=', 'OVERSIGHT')
      .where(linkVisible(actor, 'l'))
      .orderBy('l.from_name')
      .orderBy('t.sort_order')
      .execute(),
    db
      .selectFrom('work_zone as z')
      .innerJoin('org as c', 'c.id', 'z.county_org_id')
      .leftJoin('org as lo', 'lo.id', 'z.lead_org_id')
      .select([
        'z.name_zh',
        'c.code as county_code',
        'c.name_zh as county_name',
        'lo.code as lead_code',
        'lo.name_zh as lead_name',
        'z.modes',
        'z.valid_from',
        'z.valid_to',
      ])
      .where('z.commission_id', '=', cid)
      .where(zoneVisible(actor, 'z'))
      .orderBy('c.sort_order')
      .orderBy('z.name_zh')
      .execute(),
    db
      .selectFrom('work_zone_member as m')
      .innerJoin('work_zone as z', 'z.id', 'm.zone_id')
      .innerJoin('org as c', 'c.id', 'z.county_org_id')
      .innerJoin('org as mo', 'mo.id', 'm.org_id')
      .select(['z.name_zh as zone_name', 'c.code as county_code', 'mo.code as org_code', 'mo.name_zh as org_name', 'm.valid_from', 'm.valid_to'])
      .where('m.commission_id', '=', cid)
      .where(zoneVisible(actor, 'z'))
      .orderBy('c.sort_order')
      .orderBy('z.name_zh')
      .orderBy('mo.sort_order')
      .execute(),
  ]);

  const headerLine = `导出人：${actor.displayName}（${actor.username}）  导出时间：${stamp()}  内部资料，注意保密`;
  const wb = await newWorkbook();
  wb.creator = `${actor.displayName}（${actor.username}）`;
  wb.created = new Date();
  writeSheet(
    wb,
    SHEET.orgs,
    ORG_COLUMNS,
    orgs.map((o) => ({
      code: o.code,
      nameZh: o.name_zh,
      shortName: o.short_name,
      kind: labelOf(ORG_KIND_LABELS, o.kind as OrgKind),
      officeKind: o.office_kind ? labelOf(OFFICE_KIND_LABELS, o.office_kind as OfficeKind) : null,
      ordinal: o.ordinal,
      parentCode: o.parent_code,
      regionCode: o.region_code,
      docCode: o.doc_code,
      sortOrder: o.sort_order,
      validFrom: o.valid_from,
      validTo: o.valid_to,
    })),
    headerLine,
  );
  writeSheet(
    wb,
    SHEET.leaders,
    LEADER_COLUMNS,
    leaders.map((l) => ({
      nameZh: l.name_zh,
      title: labelOf(LEADER_TITLE_LABELS, l.title as LeaderTitle),
      orgCode: l.org_code,
      orgName: l.org_name,
      validFrom: l.valid_from,
      validTo: l.valid_to,
    })),
    headerLine,
  );
  writeSheet(
    wb,
    SHEET.oversight,
    OVERSIGHT_COLUMNS,
    oversight.map((o) => ({
      leaderName: o.from_name,
      officeCode: o.to_code,
      officeName: o.to_name,
      validFrom: o.valid_from,
      validTo: o.valid_to,
    })),
    headerLine,
  );
  const linkRows = (type: string) =>
    links
      .filter((l) => l.type === type)
      .map((l) => ({
        fromCode: l.from_code,
        fromName: l.from_name,
        toCode: l.to_code,
        toName: l.to_name,
        role: l.role ? labelOf(COVERAGE_ROLE_LABELS, l.role as CoverageRole) : null,
        validFrom: l.valid_from,
        validTo: l.valid_to,
      }));
  writeSheet(wb, SHEET.liaison, LIAISON_COLUMNS, linkRows('LIAISON'), headerLine);
  writeSheet(wb, SHEET.dispatch, DISPATCH_COLUMNS, linkRows('DISPATCH'), headerLine);
  writeSheet(
    wb,
    SHEET.zones,
    ZONE_COLUMNS,
    zones.map((z) => ({
      nameZh: z.name_zh,
      countyCode: z.county_code,
      countyName: z.county_name,
      leadCode: z.lead_code,
      leadName: z.lead_name,
      modes: z.modes.map((m) => labelOf(ZONE_MODE_LABELS, m as ZoneMode)).join('、'),
      validFrom: z.valid_from,
      validTo: z.valid_to,
    })),
    headerLine,
  );
  writeSheet(
    wb,
    SHEET.zoneMembers,
    ZONE_MEMBER_COLUMNS,
    members.map((m) => ({
      zoneName: m.zone_name,
      countyCode: m.county_code,
      orgCode: m.org_code,
      orgName: m.org_name,
      validFrom: m.valid_from,
      validTo: m.valid_to,
    })),
    headerLine,
  );
  const buffer = await workbookBytes(wb);

  await db.transaction().execute((trx) =>
    audit(trx, ctx, {
      type: 'org.exported',
      objectType: 'commission',
      objectId: cid,
      payload: {
        orgs: orgs.length,
        links: links.length,
        leaders: leaders.length,
        oversight: oversight.length,
        zones: zones.length,
        zoneMembers: members.length,
      },
    }),
  );
  return buffer;
}

/**
 * GET /orgs/import-template.xlsx — the importable sheets (组织机构, 联系, 派驻) with their headers and
 * a sheet listing the accepted values. 委领导, 分管 and 片区 are maintained on screen (they carry
 * people); the export lists them for reading and the import ignores them.
 */
export async function importTemplate(): Promise<Buffer> {
  const wb = await newWorkbook();
  const line =
    '填写说明：第2行为表头（带*为必填），从第3行起每行一条；编码是唯一键，已存在的编码按本行修改，新编码新建；类型等可填中文名称或代码；日期格式 YYYY-MM-DD。';
  writeSheet(wb, SHEET.orgs, ORG_COLUMNS, [], line);
  writeSheet(
    wb,
    SHEET.liaison,
    LIAISON_COLUMNS,
    [],
    '联系：监督检查室（纪检监察室）→ 派驻纪检监察组或县区纪委监委。已存在的现行关系不会重复建立；带失效日期的行仅供查阅，导入时忽略。',
  );
  writeSheet(wb, SHEET.dispatch, DISPATCH_COLUMNS, [], '派驻：派驻纪检监察组 → 驻在（综合监督）单位；监督方式填“驻在单位”或“综合监督单位”。');
  const help = wb.addWorksheet(SHEET.help);
  help.columns = [{ width: 18 }, { width: 28 }, { width: 30 }];
  help.addRow(['字段', '可填写的值', '代码']).font = { bold: true };
  for (const [code, l] of Object.entries(ORG_KIND_LABELS)) help.addRow(['类型', l.zh, code]);
  for (const [code, l] of Object.entries(OFFICE_KIND_LABELS)) help.addRow(['内设机构类别', l.zh, code]);
  for (const [code, l] of Object.entries(COVERAGE_ROLE_LABELS)) help.addRow(['监督方式', l.zh, code]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
