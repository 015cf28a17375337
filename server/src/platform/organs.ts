import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types';
import { organOfCommission } from './official-doc';
import { getSettings, type Settings } from './settings';

/*
 * The organs a commission's documents are issued in (GB/T 9704 发文机关标志 and 署名, domain.md f.1/f.7):
 * the formal short names of the Party discipline commission (中共××市纪委) and of the supervision
 * commission (××市监委), and the 办公室 that prints them (印发机关). They are the commission's settings
 * `doc.disciplineOrgan`, `doc.supervisionOrgan` and `doc.officeName`; an empty setting is derived from the
 * root organisation's name (××市纪委监委), never printed as the joint nickname "××市纪委监委".
 */

type Q = Kysely<DB> | Transaction<DB>;

export interface OrganNames {
  /** 中共××市纪委: 纪律检查建议书, 党风廉政意见回复. */
  discipline: string;
  /** ××市监委: 监察建议书. */
  supervision: string;
  /** Both, the Party organ first: a joint document (通报, 通知, 纪检监察建议书) has a two-line mark. */
  joint: string[];
  /** The root organisation's name (××市纪委监委), for the records that are not issued documents. */
  root: string;
  /** 印发机关 of the 版记: the commission's 办公室. */
  office: string;
  /** The commission's stored name carries 演示数据. */
  isDemo: boolean;
}

/** The names from the settings, each empty one derived from the root organisation's name. */
export function organNamesOf(
  rootName: string,
  settings: Pick<Settings, 'doc.disciplineOrgan' | 'doc.supervisionOrgan' | 'doc.officeName'>,
  isDemo = false,
): OrganNames {
  const m = /^(.*?)纪委监委$/.exec(rootName);
  const discipline = settings['doc.disciplineOrgan'].trim() || (m ? `中共${m[1]}纪委` : rootName);
  const supervision = settings['doc.supervisionOrgan'].trim() || (m ? `${m[1]}监委` : rootName);
  const office = settings['doc.officeName'].trim() || `${discipline}办公室`;
  return { discipline, supervision, root: rootName, joint: discipline === supervision ? [discipline] : [discipline, supervision], office, isDemo };
}

/** The organs of a commission: its root organisation (municipal/county commission) and its settings. */
export async function loadOrganNames(db: Q, commissionId: string): Promise<OrganNames> {
  const c = await db.selectFrom('commission').select('name_zh').where('id', '=', commissionId).executeTakeFirstOrThrow();
  const root = await db
    .selectFrom('org')
    .select('name_zh')
    .where('commission_id', '=', commissionId)
    .where('parent_id', 'is', null)
    .where('kind', 'in', ['MUNICIPAL_COMMISSION', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'])
    .orderBy('created_at')
    .executeTakeFirst();
  const { organ, isDemo } = organOfCommission(c.name_zh);
  return organNamesOf(root?.name_zh ?? organ, await getSettings(db as Kysely<DB>, commissionId), isDemo);
}
