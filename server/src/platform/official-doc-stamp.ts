import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { AppError } from './errors';

/*
 * An issued document (建议书, 通报) is immutable: it is rendered once, in the issuing transaction, and kept as an
 * attachment. An export does not render it again; it copies the stored file and only re-stamps what names the
 * exporter — the watermark line in the page headers (word/header*.xml, written by official-doc.ts
 * watermarkHeader; emptied for the print copy) and the file's author and description (docProps/core.xml). The body, the 发文字号 and the dates are the
 * bytes that were issued, whatever has changed in the database since.
 */

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const HEADER_PART = /^word\/header\d*\.xml$/;
const TEXT_RUN = /(<w:t(?:\s[^>]*)?>)[^<]*(<\/w:t>)/g;

export interface Stamp {
  /** The exporter's watermark line (导出人 … 时间); also the file's description. */
  watermark: string;
  /** The exporter, written as the file's author. */
  creator: string;
  /** print: the 正式文本 without the watermark line in the page headers (the metadata still names the exporter). */
  copy?: 'print' | 'screen';
}

/** Replaces the text of every run of a header part by the watermark (the header holds the watermark only). */
function stampHeader(xml: string, watermark: string): string {
  let first = true;
  return xml.replace(TEXT_RUN, (_m, open: string, close: string) => {
    // One run carries the line; any further runs of the same header are emptied, never left with old names.
    const text = first ? escapeXml(watermark) : '';
    first = false;
    return `${open.includes('xml:space') ? open : open.replace('<w:t', '<w:t xml:space="preserve"')}${text}${close}`;
  });
}

function stampCore(xml: string, creator: string, description: string): string {
  const who = escapeXml(creator);
  const what = escapeXml(description);
  const out = xml.replace(/(<dc:creator>)[^<]*(<\/dc:creator>)/, `$1${who}$2`).replace(/(<cp:lastModifiedBy>)[^<]*(<\/cp:lastModifiedBy>)/, `$1${who}$2`);
  if (/<dc:description>/.test(out)) return out.replace(/(<dc:description>)[^<]*(<\/dc:description>)/, `$1${what}$2`);
  if (/<dc:description\s*\/>/.test(out)) return out.replace(/<dc:description\s*\/>/, `<dc:description>${what}</dc:description>`);
  return out.replace('</cp:coreProperties>', `<dc:description>${what}</dc:description></cp:coreProperties>`);
}

/**
 * The stored DOCX with the exporter's watermark and author. Refuses (500, logged) a stored file that is not a
 * document with a header: an issued document must never go out without its watermark.
 */
export function stampDocx(stored: Buffer, stamp: Stamp): Buffer {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(new Uint8Array(stored.buffer, stored.byteOffset, stored.byteLength));
  } catch {
    throw new AppError('INTERNAL', '正式文本文件已损坏，无法导出');
  }
  const headers = Object.keys(parts).filter((name) => HEADER_PART.test(name));
  if (headers.length === 0 || !parts['word/document.xml']) throw new AppError('INTERNAL', '正式文本缺少页眉，无法加注水印');
  const line = stamp.copy === 'print' ? '' : stamp.watermark;
  for (const name of headers) parts[name] = strToU8(stampHeader(strFromU8(parts[name]!), line));
  if (parts['docProps/core.xml']) parts['docProps/core.xml'] = strToU8(stampCore(strFromU8(parts['docProps/core.xml']), stamp.creator, stamp.watermark));
  // [Content_Types].xml first, as Word and the packers write it; parts deflated as the original was.
  const ordered: Record<string, Uint8Array> = {};
  if (parts['[Content_Types].xml']) ordered['[Content_Types].xml'] = parts['[Content_Types].xml'];
  for (const [name, data] of Object.entries(parts)) if (name !== '[Content_Types].xml') ordered[name] = data;
  return Buffer.from(zipSync(ordered, { level: 6 }));
}
