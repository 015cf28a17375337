/**
 * Helpers for the orgs module's HTTP tests (not a test file itself): code ↔ id lookups, the scope
 * the demo data should give (computed from the demo tables, independently of the SQL), multipart
 * bodies for uploads.
 */
import type { TestApp } from '../../../test/app';
import { demoCoverage, demoLiaison, demoOrgs } from '../../demo/data';

export async function codeToId(t: TestApp): Promise<Map<string, string>> {
  const rows = await t.db.selectFrom('org').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function idToCode(t: TestApp): Promise<Map<string, string>> {
  return new Map([...(await codeToId(t))].map(([code, id]) => [id, code]));
}

/** Every org under `code` (children, grandchildren …) in the demo data. */
export function descendants(code: string): string[] {
  const out: string[] = [];
  for (const o of demoOrgs) {
    if (o.parentCode === code) out.push(o.code, ...descendants(o.code));
  }
  return out;
}

/** Host units a demo group covers, with the units under them. */
export function coveredBy(groupCode: string): string[] {
  return demoCoverage.filter((c) => c.groupCode === groupCode).flatMap((c) => [c.hostUnitCode, ...descendants(c.hostUnitCode)]);
}

/**
 * Everything under a county commission: its offices, townships and 派驻组, and the host units those
 * county groups are stationed in (outside the commission, reached through 派驻).
 */
export function underCounty(countyCode: string): string[] {
  const below = descendants(countyCode);
  const groups = below.filter((c) => demoOrgs.find((o) => o.code === c)?.kind === 'DISPATCHED_GROUP');
  return [...below, ...groups.flatMap(coveredBy)];
}

/**
 * The scope the demo gives an office: itself, what it liaises with (联系), the host units of the
 * liaised groups (派驻) and everything under the liaised counties.
 */
export function officeScope(officeCode: string): string[] {
  const targets = demoLiaison.filter((l) => l.officeCode === officeCode).flatMap((l) => l.targetCodes);
  return [
    officeCode,
    ...targets.flatMap((t) => {
      const org = demoOrgs.find((o) => o.code === t)!;
      return org.kind === 'DISPATCHED_GROUP' ? [t, ...coveredBy(t)] : [t, ...underCounty(t)];
    }),
  ];
}

export const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** A multipart/form-data body with one file field. */
export function multipart(content: Buffer, filename = '组织结构.xlsx', field = 'file') {
  const boundary = `----liandong${Date.now().toString(16)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${encodeURIComponent(filename)}"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Number of audit events of a type (optionally about one object). */
export async function auditCount(t: TestApp, type: string, objectId?: string): Promise<number> {
  let q = t.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('type', '=', type);
  if (objectId) q = q.where('object_id', '=', objectId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
