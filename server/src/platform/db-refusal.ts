import type { FieldIssue } from '@liandong/domain/platform/errors';

/**
 * 数据库拒绝写入 (a refusal of the database: foreign key 23503, not null 23502, check 23514) told as the 400 validation
 * errors are: the field that was refused (the API's camelCase of the column), a zh-CN message naming it and
 * `details.issues`. The column is read from the error's structured fields only — `column` (a not-null violation, or a
 * trigger's `RAISE … USING COLUMN`, migration 0097), the `Key (column)=` of a foreign key's "is not present" detail,
 * the `table_column_check` name of a check constraint — never from its text, and the value (an id, maybe another
 * commission's) is never repeated. A refusal whose field is not known keeps the generic message.
 */
export interface DbRefusal {
  /** zh-CN message naming the field. */
  zh: string;
  /** en-US message naming the field (after "Business rule violated: "). */
  en: string;
  issues: FieldIssue[];
  issuesEn: FieldIssue[];
}

/** The fields node-postgres sets on a DatabaseError. */
export interface PgErrorFields {
  code?: unknown;
  column?: unknown;
  constraint?: unknown;
  table?: unknown;
  detail?: unknown;
}

const NAME = /^[a-z][a-z0-9_]*$/;

/** What a link column names, zh-CN and en-US; the object is 对象 when not known. */
const NOUNS: [RegExp, string, string][] = [
  [/^case_id$/, '案件', 'case'],
  [/^record_id$/, '以案促改台账', 'reform record'],
  [/^letter_id$/, '建议书', 'recommendation letter'],
  [/^clue_id$/, '问题线索', 'clue'],
  [/^campaign_id$/, '专项整治', 'campaign'],
  [/^commission_id$/, '纪委监委', 'commission'],
  [/(^|_)attachment_id$/, '附件', 'attachment'],
  [/(^|_)person_id$/, '人员', 'person'],
  [/(^|_)(org|unit|office)_id$/, '单位', 'organisation'],
  [/(^|_)user_id$|_by$|^actor_id$/, '用户', 'user'],
];

function camel(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function nounOf(column: string): [string, string] {
  const hit = NOUNS.find(([re]) => re.test(column));
  return hit ? [hit[1], hit[2]] : ['对象', 'object'];
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** The refused column: set by the database or a trigger, or read off a foreign key's detail or a check's name. */
function refusedColumn(err: PgErrorFields): string | undefined {
  const column = text(err.column);
  if (NAME.test(column)) return column;
  if (err.code === '23503') {
    // "Key (case_id)=(…) is not present in table …": the inserted or updated row's link. "… is still referenced from
    // table …" (a delete or a key change of the referenced row) names no field of the input: left generic.
    const key = /^Key \(([a-z][a-z0-9_]*)\)=\(.*\) is not present in table /s.exec(text(err.detail));
    return key?.[1];
  }
  if (err.code === '23514') {
    const table = text(err.table);
    const named = NAME.test(table) ? new RegExp(`^${table}_([a-z][a-z0-9_]*?)_check\\d*$`).exec(text(err.constraint)) : null;
    return named?.[1];
  }
  return undefined;
}

/** The refusal naming its field, or undefined when the field is not known (the caller keeps the generic message). */
export function dbRefusal(err: PgErrorFields): DbRefusal | undefined {
  if (err.code !== '23503' && err.code !== '23502' && err.code !== '23514') return undefined;
  const column = refusedColumn(err);
  if (!column) return undefined;
  const field = camel(column); // the API's fields are the camelCase of their columns
  let zh: string;
  let en: string;
  if (err.code === '23503') {
    const [noun, nounEn] = nounOf(column);
    zh = `关联的${noun}不存在或不属于本委`;
    en = `the linked ${nounEn} does not exist or is not of this commission`;
  } else if (err.code === '23502') {
    zh = '必填项不能为空';
    en = 'a required value is missing';
  } else {
    zh = '数据不符合约束条件';
    en = 'the value does not meet its constraint';
  }
  return { zh: `${zh}（${field}）`, en: `${en} (${field})`, issues: [{ path: field, message: zh }], issuesEn: [{ path: field, message: en }] };
}
