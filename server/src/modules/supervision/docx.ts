import { LIST_TYPE_LABELS, SIDE_LABELS, METHOD_LABELS, BASIS_LABELS } from '@liandong/domain/supervision/enums';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  type IRunOptions,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { AppError } from '../../platform/errors';
import { audit, type Ctx } from '../../platform/http';
import { stamp } from './excel';
import { getList } from './service-lists';

/*
 * DOCX of an approved supervision list in the official layout (GB/T 9704-2012, domain.md f.7): A4,
 * margins 37/35/28/26 mm; 发文机关标志 red and centred in 小标宋; title 2号小标宋; body 3号仿宋; 成文日期
 * in Arabic numerals; page numbers "— N —" in 4号宋体 (odd pages right, even pages left); 版记 at the
 * end. The header carries the exporter and time (watermark).
 */

const RED = 'FF0000';
const XBS = { ascii: 'FZXiaoBiaoSong-B05S', hAnsi: 'FZXiaoBiaoSong-B05S', eastAsia: '方正小标宋简体' };
const FS = { ascii: 'FangSong', hAnsi: 'FangSong', eastAsia: '仿宋_GB2312' };
const HT = { ascii: 'SimHei', hAnsi: 'SimHei', eastAsia: '黑体' };
const SONG = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体' };
/** Font sizes in half-points: 初号 42pt, 2号 22pt, 3号 16pt, 4号 14pt, 小四 12pt. */
const SIZE = { mark: 72, h2: 44, h3: 32, h4: 28, small: 24, tiny: 18 };
/** Millimetres to twips, rounded (A4 is 11906 × 16838 twips). */
const mm = (n: number) => Math.round((n * 1440) / 25.4);
const TYPE_AREA_TWIP = mm(156);

const run = (text: string, o: Omit<IRunOptions, 'text'> = {}) => new TextRun({ text, font: FS, size: SIZE.h3, ...o });
const blank = () => new Paragraph({ children: [run('')] });

/** 2026年2月10日 — Arabic numerals, year in full, no leading zeros. */
export function officialDate(d: Date): string {
  const [y, m, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(d)
    .split('-')
    .map(Number);
  return `${y}年${m}月${day}日`;
}

function pageFooter(align: (typeof AlignmentType)[keyof typeof AlignmentType]) {
  const o = { font: SONG, size: SIZE.h4 };
  return new Footer({
    children: [
      new Paragraph({
        alignment: align,
        indent: align === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
        children: [new TextRun({ text: '— ', ...o }), new TextRun({ children: [PageNumber.CURRENT], ...o }), new TextRun({ text: ' —', ...o })],
      }),
    ],
  });
}

function cell(text: string, widthPct: number, bold = false) {
  return new TableCell({
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.CENTER,
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: bold ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text: line, font: bold ? HT : FS, size: SIZE.small })],
        }),
    ),
  });
}

const COLUMNS: [string, number][] = [
  ['序号', 6],
  ['监督事项', 26],
  ['依据', 16],
  ['牵头方', 14],
  ['协助方', 14],
  ['监督方式', 14],
  ['完成时限', 10],
];

/** GET /supervision/lists/:id/export.docx — only an approved list (every live item at least APPROVED). */
export async function exportListDocx(ctx: Ctx, id: string): Promise<{ filename: string; body: Buffer }> {
  const list = await getList(ctx, id);
  const items = list.items.filter((i) => i.state !== 'CANCELLED');
  if (!items.length || items.some((i) => i.state === 'DRAFT' || i.state === 'CONSULTED')) {
    throw new AppError('ILLEGAL_TRANSITION', '清单尚未审定，不能导出正式文本');
  }
  const commission = await ctx.db.selectFrom('commission').select('name_zh').where('id', '=', ctx.actor.commissionId).executeTakeFirstOrThrow();
  const isDemo = commission.name_zh.includes('演示数据');
  const organ = commission.name_zh.replace(/[（(]演示数据[）)]/g, '').trim();
  const kind = list.type === 'COMMON' ? '共性' : '个性';
  const title = `${list.ownerGroupName}${list.year}年度${kind}监督清单`;
  const signedOn = officialDate(list.approvedAt ? new Date(list.approvedAt) : new Date());
  const exportedAt = stamp();

  const rows = [
    new TableRow({ tableHeader: true, children: COLUMNS.map(([h, w]) => cell(h, w, true)) }),
    ...items.map(
      (i, n) =>
        new TableRow({
          cantSplit: true,
          children: [
            String(n + 1),
            i.matter,
            i.bases.map((b) => BASIS_LABELS[b].zh).join('\n'),
            `${SIDE_LABELS[i.leadSide].zh}\n${i.leadOrgName}`,
            i.assistSide ? `${SIDE_LABELS[i.assistSide].zh}\n${i.assistOrgName ?? ''}` : '—',
            i.methods.map((m) => METHOD_LABELS[m].zh).join('、'),
            i.dueDate ? officialDate(new Date(`${i.dueDate}T12:00:00+08:00`)) : '—',
          ].map((t, k) => cell(t, COLUMNS[k]![1])),
        }),
    ),
  ];

  const rule = (size: number) => ({ bottom: { style: BorderStyle.SINGLE, size, color: '000000', space: 1 } });
  const doc = new Document({
    creator: `${ctx.actor.displayName}（${ctx.actor.username}）`,
    title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FS, size: SIZE.h3 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(37),
              bottom: mm(35),
              left: mm(28),
              right: mm(26),
              header: mm(15),
              footer: mm(21),
            },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ text: `导出人 ${ctx.actor.displayName} ${exportedAt}`, font: SONG, size: SIZE.tiny, color: '999999' })],
              }),
            ],
          }),
          even: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.LEFT,
                children: [new TextRun({ text: `导出人 ${ctx.actor.displayName} ${exportedAt}`, font: SONG, size: SIZE.tiny, color: '999999' })],
              }),
            ],
          }),
        },
        footers: { default: pageFooter(AlignmentType.RIGHT), even: pageFooter(AlignmentType.LEFT) },
        children: [
          // 发文机关标志 (red, centred) and the red rule below it.
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 600, after: 400 },
            children: [new TextRun({ text: organ, font: XBS, size: SIZE.mark, color: RED })],
          }),
          new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 1 } }, children: [run('')] }),
          blank(),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: title, font: XBS, size: SIZE.h2 })] }),
          new Paragraph({
            indent: { firstLine: 640 },
            spacing: { after: 200 },
            children: [
              run(
                `根据年度监督工作安排，经${list.liaisonOfficeName}与${list.ownerGroupName}室组会商、${list.coordinatorOfficeName}汇总，报分管领导审定，现将${list.year}年度${LIST_TYPE_LABELS[list.type].zh}印发如下，请认真抓好落实。`,
              ),
            ],
          }),
          new Table({ width: { size: TYPE_AREA_TWIP, type: WidthType.DXA }, rows }),
          blank(),
          new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, children: [run(organ)] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, children: [run(signedOn)] }),
          blank(),
          // 版记: 抄送, 印发机关和印发日期, between rules.
          new Paragraph({
            border: { top: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 }, ...rule(6) },
            children: [run(`抄送：${list.liaisonOfficeName}，${list.hostUnits.map((h) => h.name).join('，') || '有关单位'}。`, { size: SIZE.h4 })],
          }),
          new Paragraph({
            border: rule(8),
            tabStops: [{ type: 'right', position: TYPE_AREA_TWIP }],
            children: [run(`${organ}${list.coordinatorOfficeName}`, { size: SIZE.h4 }), run(`\t${signedOn}印发`, { size: SIZE.h4 })],
          }),
          ...(isDemo ? [new Paragraph({ children: [run('（演示数据：本文件内容均为虚构，仅供演示）', { size: SIZE.small, color: '808080' })] })] : []),
        ],
      },
    ],
  });
  const body = await Packer.toBuffer(doc);
  await ctx.db
    .transaction()
    .execute((trx) =>
      audit(trx, ctx, { type: 'supervision.list_exported', objectType: 'supervision_list', objectId: id, payload: { format: 'docx', items: items.length } }),
    );
  return { filename: `${title}.docx`, body };
}
