/**
 * Helpers for the letters module's HTTP tests (not a test file itself): letters written straight into
 * the database in any state (for speed), the org and user ids of the demo accounts, a valid body for
 * every action, a letter issued over HTTP and the DOCX it stored, and the text of a DOCX's parts.
 */
import type { LetterActionBody } from '@liandong/domain/reform/contracts-letters';
import type { LetterType } from '@liandong/domain/reform/enums';
import { type LetterAction, type LetterState, LETTER_ISSUED_STATES } from '@liandong/domain/reform/machine';
import JSZip from 'jszip';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/app';
import { TEST_SM4_KEY } from '../../../test/keys';
import { openAttachment } from '../../platform/attachments/store';
import { FieldCipher } from '../../platform/crypto';

export const BANK = 'LZ-HU-CSYH';
export const EDU = 'LZ-HU-JYJ';
export const SC8 = 'LZ-JW-SC8';
export const JC3 = 'LZ-JW-JC3';

export async function orgId(t: TestApp, code: string): Promise<string> {
  return (await t.db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function userId(t: TestApp, username: string): Promise<string> {
  return (await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

export interface SeedLetter {
  state?: LetterState;
  type?: LetterType;
  drafter?: string;
  draftingOrg?: string;
  recipientOrg?: string;
  title?: string;
  items?: number;
}

let seq = 0;

/** Inserts a letter (and its items) directly in the given state, with the facts that state implies. */
export async function seedLetter(t: TestApp, o: SeedLetter = {}): Promise<{ id: string; version: number }> {
  const state = o.state ?? 'DRAFTING';
  const commission = await t.db.selectFrom('commission').select('id').executeTakeFirstOrThrow();
  const drafter = await userId(t, o.drafter ?? 'sc8.director');
  const recipientOrgId = await orgId(t, o.recipientOrg ?? BANK);
  const recipient = await t.db.selectFrom('org').select('name_zh').where('id', '=', recipientOrgId).executeTakeFirstOrThrow();
  const issued = LETTER_ISSUED_STATES.includes(state);
  const approved = issued || state === 'APPROVED';
  const served = issued && state !== 'ISSUED';
  seq += 1;
  const r = await t.db
    .insertInto('letter')
    .values({
      commission_id: commission.id,
      type: o.type ?? 'SUPERVISION',
      origin: 'CASE',
      drafting_org_id: await orgId(t, o.draftingOrg ?? SC8),
      recipient_org_id: recipientOrgId,
      recipient_name: recipient.name_zh,
      title: o.title ?? `关于加强信贷审批管理的监察建议书（测试${seq}）`,
      background: '本委在审查调查中发现该单位信贷审批环节存在管理漏洞。',
      facts: '个别信贷人员违规放贷。',
      causes: '制度执行不严，监督制约不力。',
      legal_basis: ['《中华人民共和国监察法》第五十二条'],
      state,
      approved_by: approved ? await userId(t, 'sj.secretary') : null,
      approved_at: approved ? new Date() : null,
      doc_no: issued ? `测试〔2026〕${seq}号` : null,
      issued_on: issued ? '2026-03-02' : null,
      served_on: served ? '2026-03-03' : null,
      reply_due: served ? '2026-04-02' : null,
      objection_due: served ? '2026-03-18' : null,
      created_by: drafter,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  const n = o.items ?? 2;
  await t.db
    .insertInto('letter_item')
    .values(
      Array.from({ length: n }, (_, i) => ({
        commission_id: commission.id,
        letter_id: r.id,
        no: i + 1,
        text: `建议事项${i + 1}：健全信贷审批分级授权制度（测试${seq}）`,
        deadline: '2027-06-30',
      })),
    )
    .execute();
  return r;
}

/** A valid body for an action. */
export function actionBody(action: LetterAction, version: number): LetterActionBody {
  const base = { version };
  switch (action) {
    case 'returnDraft':
    case 'reopenRectification':
    case 'refuse':
    case 'withdraw':
      return { action, ...base, comment: '理由：测试' };
    case 'serve':
      return { action, ...base, receiptSignedBy: '张某某（演示）', servedOn: '2026-03-05' };
    case 'object':
      return { action, ...base, objection: '对第二项建议的期限有异议' };
    case 'upholdObjection':
    case 'rejectObjection':
      return { action, ...base, answer: '经研究，答复如下' };
    case 'reply':
      return { action, ...base, reply: '已采纳全部建议，整改情况如下' };
    case 'evaluate':
      return { action, ...base, evaluation: '回头看：整改基本到位', score: 85 };
    case 'escalate':
      return {
        action,
        ...base,
        referredTo: '示例城市商业银行上级主管部门（演示）',
        referredToKind: 'COMPETENT_DEPARTMENT',
        referredOn: '2026-03-20',
        escalation: '该单位无正当理由拒不采纳监察建议，提请责令改正',
      };
    default:
      return { action, ...base } as LetterActionBody;
  }
}

/** A letter seeded as approved, then issued over HTTP by sc8.director (its DOCX rendered and stored at issue): its id. */
export async function issuedLetter(t: TestApp, title: string): Promise<string> {
  const seeded = await seedLetter(t, { state: 'APPROVED', title });
  const issued = await t.request({
    method: 'POST',
    url: `/api/v1/letters/${seeded.id}/actions`,
    payload: actionBody('issue', seeded.version),
    as: 'sc8.director',
  });
  expect(issued.statusCode, issued.body).toBe(200);
  return seeded.id;
}

/** The DOCX a letter has stored (its attachment row and the file opened), or null while it has none. */
export async function storedDocx(t: TestApp, letterId: string) {
  const row = await t.db.selectFrom('letter').select('docx_attachment_id').where('id', '=', letterId).executeTakeFirstOrThrow();
  if (!row.docx_attachment_id) return null;
  const att = await t.db.selectFrom('attachment').selectAll().where('id', '=', row.docx_attachment_id).executeTakeFirstOrThrow();
  return { att, plain: openAttachment(new FieldCipher(TEST_SM4_KEY), att) };
}

/** One part of a DOCX (`word/document.xml`, `docProps/core.xml` …) as it is stored, not unescaped. */
export async function docxPart(body: Buffer, name: string): Promise<string> {
  return (await JSZip.loadAsync(body)).file(name)!.async('string');
}

const fromXml = (xml: string) =>
  xml
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** word/document.xml of a DOCX, unescaped, and the concatenated header XML. */
export async function docxXml(body: Buffer): Promise<{ doc: string; headers: string; footers: string }> {
  const zip = await JSZip.loadAsync(body);
  const doc = fromXml(await zip.file('word/document.xml')!.async('string'));
  const part = async (re: RegExp) =>
    (
      await Promise.all(
        Object.keys(zip.files)
          .filter((f) => re.test(f))
          .map((f) => zip.file(f)!.async('string')),
      )
    ).join('\n');
  return { doc, headers: fromXml(await part(/word\/header\d*\.xml/)), footers: await part(/word\/footer\d*\.xml/) };
}
