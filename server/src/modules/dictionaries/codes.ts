import type { FieldIssue } from '@liandong/domain/platform/errors';
import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types';

type Q = Db | Transaction<DB>;

/**
 * Input checks against a business dictionary (行业领域, 问题类型 …): the code must be an active item of the
 * caller's commission. Returns one zh-CN issue at `path` when it is not, nothing when it is (or is null).
 */
export async function dictionaryCodeIssues(
  db: Q,
  commissionId: string,
  dictionary: string,
  checks: { path: string; code: string | null | undefined }[],
): Promise<FieldIssue[]> {
  const codes = [...new Set(checks.map((c) => c.code).filter((c): c is string => !!c))];
  if (!codes.length) return [];
  const { rows } = await sql<{ code: string; name_zh: string }>`SELECT i.code, d.name_zh FROM dictionary d
    JOIN dictionary_item i ON i.dictionary_id = d.id AND i.active
    WHERE d.commission_id = ${commissionId}::uuid AND d.code = ${dictionary} AND i.code = ANY(${codes}::text[])`.execute(db);
  const ok = new Set(rows.map((r) => r.code));
  const name =
    (await sql<{ name_zh: string }>`SELECT name_zh FROM dictionary WHERE commission_id = ${commissionId}::uuid AND code = ${dictionary}`.execute(db)).rows[0]
      ?.name_zh ?? dictionary;
  return checks.filter((c) => c.code && !ok.has(c.code)).map((c) => ({ path: c.path, message: `“${c.code}”不是有效的${name}编码（见数据字典“${name}”）` }));
}

/** SQL: the zh label of a dictionary code column (the code itself when the item is gone). */
export function dictionaryLabel(dictionary: string, commissionCol: string, codeCol: string) {
  return sql<string | null>`COALESCE((SELECT i.label_zh FROM dictionary d
    JOIN dictionary_item i ON i.dictionary_id = d.id AND i.code = ${sql.ref(codeCol)}
    WHERE d.commission_id = ${sql.ref(commissionCol)} AND d.code = ${dictionary}), ${sql.ref(codeCol)})`;
}
