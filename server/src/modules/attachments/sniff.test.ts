import { describe, expect, it } from 'vitest';
import { zipWith } from '../../../test/fixtures';
import { cleanFilename, sniffUpload } from './sniff';

const ole = (stream: string) =>
  Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(64)]);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

describe('sniffUpload', () => {
  const accepted: [string, Buffer, string][] = [
    ['报告.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'application/pdf'],
    ['图.PNG', png, 'image/png'],
    ['照片.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['照片.jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 0x10]), 'image/jpeg'],
    ['动图.gif', Buffer.from('GIF89a\u0001\u0000'), 'image/gif'],
    [
      '建议书.docx',
      zipWith(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['台账.xlsx', zipWith(['[Content_Types].xml', 'xl/workbook.xml']), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['汇报.pptx', zipWith(['[Content_Types].xml', 'ppt/presentation.xml']), 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['旧文档.doc', ole('WordDocument'), 'application/msword'],
    ['旧表格.xls', ole('Workbook'), 'application/vnd.ms-excel'],
    ['说明.txt', Buffer.from('线索来源：来信\r\n\t第二行'), 'text/plain; charset=utf-8'],
    ['名单.csv', Buffer.from('姓名,单位\n张三,某局\n'), 'text/plain; charset=utf-8'],
  ];
  it.each(accepted)('accepts %s', (name, content, mime) => {
    const r = sniffUpload(name, content);
    expect(r.ok && r.type.mime).toBe(mime);
  });

  const refused: [string, Buffer, string][] = [
    ['setup.exe', Buffer.from('MZ\u0090\u0000'), 'EXECUTABLE'],
    ['报告.pdf', Buffer.from('MZ\u0090\u0000this is a PE'), 'EXECUTABLE'],
    ['run.sh', Buffer.from('echo hi\n'), 'EXECUTABLE'],
    ['a.txt', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'EXECUTABLE'],
    ['lib.txt', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]), 'EXECUTABLE'],
    ['宏.docm', zipWith(['[Content_Types].xml', 'word/document.xml']), 'EXECUTABLE'],
    ['图.pdf', png, 'EXTENSION_MISMATCH'],
    ['建议书.xlsx', zipWith(['[Content_Types].xml', 'word/document.xml']), 'EXTENSION_MISMATCH'],
    ['archive.zip', zipWith(['a.txt']), 'UNKNOWN'],
    ['blob.dat', Buffer.from([0, 1, 2, 3, 250, 251]), 'UNKNOWN'],
    ['latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), 'UNKNOWN'],
    ['noext', Buffer.from('%PDF-1.4'), 'NO_EXTENSION'],
    ['empty.txt', Buffer.alloc(0), 'EMPTY'],
  ];
  it.each(refused)('refuses %s (%s)', (name, content, reason) => {
    const r = sniffUpload(name, content);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('cleanFilename', () => {
  it('drops paths and control characters and keeps the extension when shortening', () => {
    expect(cleanFilename('C:\\Users\\x\\关于问题线索的报告.pdf')).toBe('关于问题线索的报告.pdf');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('a\u0000b\u001f"c".txt')).toBe('abc.txt');
    const long = cleanFilename(`${'长'.repeat(300)}.docx`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.docx')).toBe(true);
  });
});
