import { z } from 'zod';
import type { Labelled } from '../labels';

/*
 * 典型问题类型 (typology) of campaign screening (domain.md c.4: 靠企吃企、关联交易、利益输送 …). The codes are the
 * items of the business dictionary CLUE_TYPOLOGY, seeded with the values below; a commission may add its
 * own items, so the server checks a clue's tags against the dictionary, not against this list.
 */

export const CLUE_TYPOLOGY_DICTIONARY = 'CLUE_TYPOLOGY';

/** The seed items of the CLUE_TYPOLOGY dictionary (also inserted by migration 0025 for existing commissions). */
export const CLUE_TYPOLOGY_SEED: Labelled<string> = {
  LEECHING_ENTERPRISE: { zh: '靠企吃企', en: 'Living off the enterprise' },
  RELATED_TRANSACTION: { zh: '关联交易', en: 'Related-party transactions' },
  TUNNELING: { zh: '利益输送', en: 'Tunnelling of benefits' },
  SUBSIDY_FRAUD: { zh: '套取补贴', en: 'Obtaining subsidies by fraud' },
  FAVOURING_KIN: { zh: '优亲厚友', en: 'Favouring relatives and friends' },
  FALSE_CLAIMS: { zh: '虚报冒领', en: 'False claims' },
  IRREGULAR_PROCUREMENT: { zh: '违规采购', en: 'Irregular procurement' },
  EMBEZZLEMENT: { zh: '截留挪用', en: 'Withholding and misappropriation' },
  KICKBACKS: { zh: '吃拿卡要', en: 'Extortion and kickbacks' },
};

/** One typology code (an item code of the dictionary). */
export const TypologyCodeSchema = z.string('典型问题类型须为字典编码').regex(/^[A-Z][A-Z0-9_]{0,39}$/, '典型问题类型须为字典编码');

/** The typology tags of a clue (distinct codes). */
export const TypologySchema = z.array(TypologyCodeSchema).max(10, '典型问题类型不超过10项');
