import { ROLE_LABELS, CLASSIFICATION_LABELS } from '@liandong/domain/access/enums';
import { CAMPAIGN_DOMAIN_LABELS } from '@liandong/domain/campaigns/enums';
import { CN_CALENDAR_SEED } from '@liandong/domain/calendar/seed-cn';
import { CLUE_TYPOLOGY_DICTIONARY, CLUE_TYPOLOGY_SEED } from '@liandong/domain/clues/typology';
import type { Labelled } from '@liandong/domain/labels';
import { PROBLEM_TYPE_DICTIONARY, PROBLEM_TYPE_SEED, SECTOR_DICTIONARY, SECTOR_SEED } from '@liandong/domain/problems/dictionaries';
import { COVERAGE_ROLE_LABELS, LEADER_TITLE_LABELS, OFFICE_KIND_LABELS, ORG_KIND_LABELS, ZONE_MODE_LABELS } from '@liandong/domain/org/enums';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types';

/** System dictionaries: codes fixed by the domain, labels editable by the administrator. */
const SYSTEM_DICTIONARIES: { code: string; nameZh: string; nameEn: string; labels: Labelled<string> }[] = [
  { code: 'ORG_KIND', nameZh: '组织类型', nameEn: 'Organisation kinds', labels: ORG_KIND_LABELS },
  { code: 'OFFICE_KIND', nameZh: '内设机构类别', nameEn: 'Office kinds', labels: OFFICE_KIND_LABELS },
  { code: 'ROLE', nameZh: '角色', nameEn: 'Roles', labels: ROLE_LABELS },
  { code: 'CLASSIFICATION', nameZh: '密级', nameEn: 'Classifications', labels: CLASSIFICATION_LABELS },
  { code: 'ZONE_MODE', nameZh: '片区协作模式', nameEn: 'Zone modes', labels: ZONE_MODE_LABELS },
  { code: 'LEADER_TITLE', nameZh: '委领导职务', nameEn: 'Leader titles', labels: LEADER_TITLE_LABELS },
  { code: 'COVERAGE_ROLE', nameZh: '派驻监督方式', nameEn: 'Coverage roles', labels: COVERAGE_ROLE_LABELS },
  { code: 'CAMPAIGN_DOMAIN', nameZh: '专项整治领域', nameEn: 'Campaign domains', labels: CAMPAIGN_DOMAIN_LABELS },
];

/** Business code lists a commission maintains itself (seeded with common values). */
const BUSINESS_DICTIONARIES: { code: string; nameZh: string; nameEn: string; items: [string, string, string][] }[] = [
  {
    code: 'RANK_LEVEL',
    nameZh: '职级',
    nameEn: 'Rank levels',
    items: [
      ['PROVINCIAL', '省部级', 'Provincial'],
      ['BUREAU', '厅局级', 'Bureau'],
      ['DIVISION', '县处级', 'Division'],
      ['SECTION', '乡科级', 'Section'],
      ['OTHER', '其他', 'Other'],
    ],
  },
  {
    code: 'SUPERVISION_METHOD',
    nameZh: '监督方式',
    nameEn: 'Supervision methods',
    items: [
      ['MEETING', '参加会议', 'Attending meetings'],
      ['TALK', '谈话', 'Talks'],
      ['DOCUMENTS', '查阅资料', 'Reviewing documents'],
      ['SITE', '实地检查', 'Site inspection'],
      ['UNANNOUNCED', '明察暗访', 'Unannounced visits'],
      ['DATA', '数据分析', 'Data analysis'],
    ],
  },
  {
    // 典型问题类型 of campaign screening: tags on clues, extendable by the commission.
    code: CLUE_TYPOLOGY_DICTIONARY,
    nameZh: '典型问题类型',
    nameEn: 'Typical problem types',
    items: Object.entries(CLUE_TYPOLOGY_SEED).map(([code, l]) => [code, l.zh, l.en]),
  },
  {
    // 行业领域 of findings, clues, cases, reform records, campaigns and problems
    code: SECTOR_DICTIONARY,
    nameZh: '行业领域',
    nameEn: 'Sectors',
    items: Object.entries(SECTOR_SEED).map(([code, l]) => [code, l.zh, l.en]),
  },
  {
    code: PROBLEM_TYPE_DICTIONARY,
    nameZh: '问题类型（难点堵点）',
    nameEn: 'Problem types',
    items: Object.entries(PROBLEM_TYPE_SEED).map(([code, l]) => [code, l.zh, l.en]),
  },
];

/** Seeds the working-day calendar (official 2025–2026 arrangements) and dictionaries of a new commission. */
export async function seedCommissionBasics(trx: Transaction<DB>, commissionId: string): Promise<void> {
  if (CN_CALENDAR_SEED.length) {
    await trx
      .insertInto('calendar_day')
      .values(CN_CALENDAR_SEED.map((d) => ({ commission_id: commissionId, day: d.day, kind: d.kind, name_zh: d.nameZh })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  for (const d of SYSTEM_DICTIONARIES) {
    const dict = await trx
      .insertInto('dictionary')
      .values({ commission_id: commissionId, code: d.code, name_zh: d.nameZh, name_en: d.nameEn, is_system: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('dictionary_item')
      .values(
        Object.entries(d.labels).map(([code, l], i) => ({
          commission_id: commissionId,
          dictionary_id: dict.id,
          code,
          label_zh: l.zh,
          label_en: l.en,
          sort_order: i,
        })),
      )
      .execute();
  }
  for (const d of BUSINESS_DICTIONARIES) {
    const dict = await trx
      .insertInto('dictionary')
      .values({ commission_id: commissionId, code: d.code, name_zh: d.nameZh, name_en: d.nameEn, is_system: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('dictionary_item')
      .values(d.items.map(([code, zh, en], i) => ({ commission_id: commissionId, dictionary_id: dict.id, code, label_zh: zh, label_en: en, sort_order: i })))
      .execute();
  }
}
