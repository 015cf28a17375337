import { z } from 'zod';
import type { Labelled } from '../labels';

/** 行业领域 — the SECTOR business dictionary's first items (the commission extends it). */
export const SECTOR_DICTIONARY = 'SECTOR';
/** A 行业领域 code as sent (its existence in the commission's dictionary is the server's check). */
export const SectorCodeSchema = z.string('行业领域须为数据字典“行业领域”的编码').regex(/^[A-Za-z0-9_.-]{1,40}$/, '行业领域须为数据字典“行业领域”的编码');
export const SECTOR_SEED: Labelled<string> = {
  GRAIN: { zh: '粮食购销', en: 'Grain purchase and sale' },
  RURAL_REVITALISATION: { zh: '乡村振兴', en: 'Rural revitalisation' },
  FINANCE: { zh: '金融', en: 'Finance' },
  SCHOOL_CATERING: { zh: '校园餐', en: 'School catering' },
  EDUCATION: { zh: '教育', en: 'Education' },
  HEALTH: { zh: '医疗卫生', en: 'Health care' },
  CONSTRUCTION: { zh: '工程建设', en: 'Construction projects' },
  STATE_ENTERPRISE: { zh: '国有企业', en: 'State-owned enterprises' },
  ENVIRONMENT: { zh: '生态环境', en: 'Ecology and environment' },
  SOCIAL_SECURITY: { zh: '社会保障', en: 'Social security' },
  OTHER: { zh: '其他', en: 'Other' },
};

/** 问题类型 of the problem register (难点堵点 / 行业性 / 系统性). */
export const PROBLEM_TYPE_DICTIONARY = 'PROBLEM_TYPE';
export const PROBLEM_TYPE_SEED: Labelled<string> = {
  BOTTLENECK: { zh: '难点堵点问题', en: 'Bottleneck' },
  SECTORAL: { zh: '行业性问题', en: 'Sector-wide problem' },
  SYSTEMIC: { zh: '系统性问题', en: 'Systemic problem' },
};
