/**
 * A foreign key refused through a route names its field (platform/db-refusal.ts): POST /letters with its recipient
 * check opened for a moment (`gate.open`: every route checks its ids before writing, none reaches a foreign key
 * unchecked) to an org that does not exist is refused by letter's foreign key, 422 on recipientOrgId (zh-CN and en-US),
 * the id and the constraint not repeated, nothing written. Before, a bare 422 with no field.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';

const MISSING = '00000000-0000-4000-8000-000000000097';

/** While open, the recipient check finds an org that does not exist (the insert reaches letter's foreign key). */
const gate = vi.hoisted(() => ({ open: false }));
vi.mock('./repo', async (importOriginal) => {
  const real = await importOriginal<typeof import('./repo')>();
  return {
    ...real,
    orgName: (db: Parameters<typeof real.orgName>[0], commissionId: string, id: string) =>
      gate.open && id === '00000000-0000-4000-8000-000000000097'
        ? Promise.resolve({ name: '并不存在的单位', kind: 'HOST_UNIT' })
        : real.orgName(db, commissionId, id),
  };
});

let t: TestApp;
const letterCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('letter')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t.close());

describe('a foreign key refused through a route names its field', () => {
  it('POST /letters to a recipient org that does not exist (its check opened): 422 on recipientOrgId, nothing written', async () => {
    const before = await letterCount();
    gate.open = true;
    try {
      for (const lang of [undefined, 'en']) {
        const res = await t.request({
          method: 'POST',
          url: '/api/v1/letters',
          as: 'sc8.director',
          headers: lang ? { 'accept-language': lang } : {},
          payload: {
            type: 'SUPERVISION',
            origin: 'CASE',
            recipientOrgId: MISSING,
            title: '关于字段路径测试单位加强管理的监察建议书',
            background: '本委在审查调查中发现该单位存在管理漏洞。',
            facts: '制度执行不严。',
            causes: '监督制约不力。',
            legalBasis: ['《中华人民共和国监察法》第五十二条'],
            items: [{ text: '健全制度', deadline: '2027-06-30' }],
          },
        });
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json()).toMatchObject(
          lang
            ? {
                code: 'BUSINESS_RULE',
                message: 'Business rule violated: the linked organisation does not exist or is not of this commission (recipientOrgId)',
                details: { issues: [{ path: 'recipientOrgId', message: 'the linked organisation does not exist or is not of this commission' }] },
              }
            : {
                code: 'BUSINESS_RULE',
                message: '关联的单位不存在或不属于本委（recipientOrgId）',
                details: { issues: [{ path: 'recipientOrgId', message: '关联的单位不存在或不属于本委' }] },
              },
        );
        expect(res.body).not.toContain(MISSING);
        expect(res.body).not.toMatch(/fkey|letter_|recipient_org_id|Key \(/);
      }
    } finally {
      gate.open = false;
    }
    expect(await letterCount()).toBe(before);
  });
});
