/**
 * A browser's User-Agent string as a person reads it ("Chrome 131 · Windows"), for the session and sign-in
 * lists: the raw string stays available on hover, but nobody should have to decode it to recognise a session.
 * Order matters: Edge and the domestic browsers also claim Chrome, Chrome also claims Safari.
 */
const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/QQBrowser\/(\d+)/, 'QQ浏览器'],
  [/MicroMessenger\/(\d+)/, '微信'],
  [/360SE|360EE/, '360浏览器'],
  [/OPR\/(\d+)/, 'Opera'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/(?:Chrome|CriOS|Chromium)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
  [/MSIE (\d+)|Trident\/.*rv:(\d+)/, 'Internet Explorer'],
];

const SYSTEMS: [RegExp, string][] = [
  [/UOS|Deepin/i, '统信UOS'],
  [/Kylin/i, '麒麟'],
  [/Windows NT/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/HarmonyOS|OpenHarmony/, 'HarmonyOS'],
  [/Linux/, 'Linux'],
];

/** "Chrome 131 · Windows"; a client that is not a known browser (curl, a script) by its first token. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua?.trim()) return '—';
  const browser = BROWSERS.find(([re]) => re.test(ua));
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (!browser) return ua.split(/[\s/]/)[0]!.slice(0, 40) + (system ? ` · ${system}` : '');
  const m = browser[0].exec(ua)!;
  const version = m.slice(1).find(Boolean);
  return `${browser[1]}${version ? ` ${version}` : ''}${system ? ` · ${system}` : ''}`;
}
