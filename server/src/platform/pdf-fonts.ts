import { execFile } from 'node:child_process';

/*
 * The official fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) are rarely installed on a server. Those that
 * fontconfig does not know are mapped, through a private fontconfig file (FONTCONFIG_FILE) given to LibreOffice for
 * the conversion, to Noto Serif CJK SC / Noto Sans CJK SC — the same faces for every conversion instead of whatever
 * fallback the machine has — and the substitutions are reported (X-Font-Substitution, the audit, the UI).
 */

/** An official font the server lacks and the font printed in its place. */
export interface FontSubstitution {
  font: string;
  replacement: string;
}

/** Official fonts by the names the documents use, and the installed face each falls back to (weight: 小标宋 is heavy). */
const OFFICIAL_FONTS: readonly { font: string; aliases: readonly string[]; replacement: string; bold?: boolean }[] = [
  { font: '仿宋_GB2312', aliases: ['仿宋_GB2312', '仿宋', 'FangSong', 'FangSong_GB2312'], replacement: 'Noto Serif CJK SC' },
  { font: '方正小标宋简体', aliases: ['方正小标宋简体', '方正小标宋', 'FZXiaoBiaoSong-B05S'], replacement: 'Noto Serif CJK SC', bold: true },
  { font: '黑体', aliases: ['黑体', 'SimHei'], replacement: 'Noto Sans CJK SC' },
  { font: '楷体_GB2312', aliases: ['楷体_GB2312', '楷体', 'KaiTi', 'KaiTi_GB2312'], replacement: 'Noto Serif CJK SC' },
  { font: '宋体', aliases: ['宋体', 'SimSun'], replacement: 'Noto Serif CJK SC' },
];

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Families fontconfig knows (`fc-list : family`); null when fc-list cannot be run (then every official font counts as missing). */
function installedFamilies(): Promise<Set<string> | null> {
  return new Promise((resolve) => {
    execFile('fc-list', [':', 'family'], { timeout: 10_000, maxBuffer: 8 << 20 }, (err, stdout) => {
      if (err) return resolve(null);
      resolve(
        new Set(
          stdout
            .split('\n')
            .flatMap((l) => l.split(','))
            .map((f) => f.trim())
            .filter(Boolean),
        ),
      );
    });
  });
}

let missingCache: { at: number; value: Promise<typeof OFFICIAL_FONTS> } | null = null;

/** The official fonts this machine lacks (looked up at most every ten minutes: an installed font is seen without a restart). */
export function missingOfficialFonts(): Promise<typeof OFFICIAL_FONTS> {
  if (!missingCache || Date.now() - missingCache.at > 600_000) {
    missingCache = {
      at: Date.now(),
      value: installedFamilies().then((have) => OFFICIAL_FONTS.filter((f) => !have || !f.aliases.some((a) => have.has(a)))),
    };
  }
  return missingCache.value;
}

/** A fontconfig file that reads the system's configuration and maps every alias of the missing fonts to its replacement. */
export function substitutionConfig(missing: typeof OFFICIAL_FONTS): string {
  const rules = missing.flatMap((f) =>
    f.aliases.map(
      (a) =>
        `  <match target="pattern"><test qual="any" name="family"><string>${escapeXml(a)}</string></test>` +
        `<edit name="family" mode="assign" binding="strong"><string>${escapeXml(f.replacement)}</string></edit>` +
        `${f.bold ? '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' : ''}</match>`,
    ),
  );
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${rules.join('\n')}\n</fontconfig>\n`;
}

/** The X-Font-Substitution header value: "仿宋_GB2312→Noto Serif CJK SC; …", percent-encoded (ASCII-safe). */
export function substitutionHeader(subs: readonly FontSubstitution[]): string {
  return encodeURIComponent(subs.map((s) => `${s.font}→${s.replacement}`).join('; '));
}
