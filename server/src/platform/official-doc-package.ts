import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { NO_GRID } from './official-doc-style';

/* What the docx builder cannot write, patched into the package it packed: the off-grid style and a draft's watermark. */

/** The VML of a diagonal watermark (Word's own; LibreOffice renders it), put in each page header of a draft. */
function diagonalWatermark(text: string): string {
  return (
    '<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:pict>' +
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">' +
    '<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>' +
    '<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>' +
    '<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>' +
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>' +
    '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>' +
    '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" ' +
    'style="position:absolute;margin-left:0;margin-top:0;width:360pt;height:180pt;rotation:315;z-index:-251657216;' +
    'mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" ' +
    'o:allowincell="f" fillcolor="#d8d8d8" stroked="f"><v:fill opacity=".5"/>' +
    `<v:textpath style="font-family:&quot;SimHei&quot;;font-size:1pt" string="${text}"/></v:shape></w:pict></w:r></w:p>`
  );
}

/**
 * Finishes the package: the NO_GRID style gets <w:snapToGrid w:val="0"/> (the docx builder cannot write it), and a
 * draft gets the diagonal watermark in every page header.
 */
export function finishPackage(docx: Buffer, diagonal: string | null): Buffer {
  const parts = unzipSync(new Uint8Array(docx.buffer, docx.byteOffset, docx.byteLength));
  const styles = parts['word/styles.xml'];
  if (styles) {
    const xml = strFromU8(styles).replace(
      new RegExp(`(<w:style w:type="paragraph" w:styleId="${NO_GRID}">(?:(?!</w:style>).)*?)(<w:pPr>|</w:style>)`),
      (_m, head: string, tail: string) =>
        tail === '<w:pPr>' ? `${head}<w:pPr><w:snapToGrid w:val="0"/>` : `${head}<w:pPr><w:snapToGrid w:val="0"/></w:pPr></w:style>`,
    );
    parts['word/styles.xml'] = strToU8(xml);
  }
  if (diagonal) {
    for (const name of Object.keys(parts)) {
      if (!/^word\/header\d*\.xml$/.test(name)) continue;
      parts[name] = strToU8(strFromU8(parts[name]!).replace('</w:hdr>', `${diagonalWatermark(diagonal)}</w:hdr>`));
    }
  }
  const ordered: Record<string, Uint8Array> = {};
  if (parts['[Content_Types].xml']) ordered['[Content_Types].xml'] = parts['[Content_Types].xml'];
  for (const [name, data] of Object.entries(parts)) if (name !== '[Content_Types].xml') ordered[name] = data;
  return Buffer.from(zipSync(ordered, { level: 6 }));
}
