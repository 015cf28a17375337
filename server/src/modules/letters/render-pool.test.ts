/**
 * Document threads (issue 12, "Documents"): a draft rendered on a thread of the pool is the document the main
 * thread renders; 32 at once keep the main thread answering; a failing job fails alone; a pool whose threads
 * cannot start renders on the main thread; idle threads end.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { DOC_JOBS, type LetterDocInput } from './docx';
import type { OrganNames } from '../../platform/organs';
import { RenderPool } from '../../platform/render-pool';

const INFO: OrganNames = {
  discipline: '中共兰州市纪委',
  supervision: '兰州市监委',
  joint: ['中共兰州市纪委', '兰州市监委'],
  office: '中共兰州市纪委办公室',
  isDemo: true,
} as OrganNames;
const WHO = { displayName: '演示人员甲', username: 'demo.staff' };
const para = '经查，该单位在项目审批、资金管理等方面存在制度不健全、监督不到位等问题（演示数据）。'.repeat(3);
const INPUT: LetterDocInput = {
  letter: {
    type: 'DISCIPLINE',
    title: '关于加强项目资金管理的纪律检查建议书',
    recipient_name: '市某局党组',
    background: `${para}\n${para}`,
    facts: para,
    causes: para,
    legal_basis: ['《中华人民共和国监察法》第十一条'],
    reply_days: 30,
    reply_days_reason: '',
    objection_days: 5,
    objection_unit: 'WORKING_DAYS',
    objection_channel: '',
    copy_to: [],
    contact: '演示联系人 0931-0000000',
  },
  items: [1, 2, 3].map((no) => ({ no, text: '建立健全项目资金管理制度', deadline: '2027-03-01' })),
  docNo: null,
  date: '2026-12-05',
};

const body = (docx: Buffer) => strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);

const pools: RenderPool<typeof DOC_JOBS>[] = [];
const poolOf = (o: Partial<ConstructorParameters<typeof RenderPool<typeof DOC_JOBS>>[0]> = {}) => {
  const p = new RenderPool({ moduleUrl: new URL('./docx.ts', import.meta.url).href, local: DOC_JOBS, size: 2, ...o });
  pools.push(p);
  return p;
};
afterAll(async () => {
  for (const p of pools) await p.close();
});

describe('the document pool', () => {
  it('renders a draft on a thread, the same document as on the main thread', async () => {
    const pool = poolOf();
    const onThread = await pool.run('letter', INFO, WHO, INPUT);
    expect(pool.threads).toBe(1);
    const here = await DOC_JOBS.letter(INFO, WHO, INPUT);
    expect(body(onThread)).toBe(body(here));
    expect(body(onThread)).toContain('关于加强项目资金管理的纪律检查建议书'.slice(0, 4));
  }, 60_000);

  it('32 drafts at once: all rendered, on at most `size` threads, while the main thread keeps its timers', async () => {
    const pool = poolOf();
    await pool.run('letter', INFO, WHO, INPUT); // one thread up
    let ticks = 0;
    let worst = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
      ticks++;
    }, 10);
    const docs = await Promise.all(Array.from({ length: 32 }, () => pool.run('letter', INFO, WHO, INPUT)));
    clearInterval(timer);
    expect(docs.every((d) => body(d) === body(docs[0]!))).toBe(true);
    expect(pool.threads).toBeLessThanOrEqual(2);
    // On the main thread the 32 renders would hold the event loop for their whole duration (no tick at all).
    expect(ticks).toBeGreaterThan(3);
    expect(worst).toBeLessThan(1000);
  }, 120_000);

  it('a job that throws on its thread fails alone; the next one is rendered', async () => {
    const pool = poolOf({ size: 1 });
    const broken = { ...INPUT, letter: { ...INPUT.letter, objection_unit: 'NOPE' } } as unknown as LetterDocInput;
    await expect(pool.run('letter', INFO, WHO, broken)).rejects.toThrow(/zh|undefined/);
    expect(body(await pool.run('letter', INFO, WHO, INPUT))).toContain('建议');
  }, 60_000);

  it('a job longer than its limit ends its thread and fails; a new thread takes the next', async () => {
    const pool = poolOf({ size: 1, timeoutMs: 1 });
    await expect(pool.run('letter', INFO, WHO, INPUT)).rejects.toThrow(/longer than 1 ms/);
    expect(pool.threads).toBe(0);
  }, 60_000);

  it('when its threads cannot start, the pool renders on the main thread', async () => {
    const pool = poolOf({ moduleUrl: new URL('./no-such-module.ts', import.meta.url).href });
    const doc = await pool.run('letter', INFO, WHO, INPUT);
    expect(body(doc)).toBe(body(await DOC_JOBS.letter(INFO, WHO, INPUT)));
    expect(pool.threads).toBe(0);
  }, 60_000);

  it('idle threads end', async () => {
    const pool = poolOf({ idleMs: 200 });
    await pool.run('letter', INFO, WHO, INPUT);
    expect(pool.threads).toBe(1);
    await new Promise((r) => setTimeout(r, 600));
    expect(pool.threads).toBe(0);
  }, 60_000);
});
