/**
 * Generates domain/src/calendar/seed-cn.ts — the State Council holiday arrangements (国务院办公厅关于
 * 部分节假日安排的通知) for the given years — from the data of the `chinese-days` package, so that the
 * domain never imports that package at runtime.
 *
 * Usage: npx tsx server/src/cli/gen-calendar-seed.ts [--check] [year ...]
 *   default years: every year from FIRST_YEAR that the installed chinese-days package has data for, so a
 *   package update that publishes the next year's arrangement is picked up without editing this file;
 *   --check  exit 1 if the committed file differs from what would be generated (for CI: after such an
 *   update it fails until the seed is regenerated).
 *
 * A new year's arrangement is published each November: update chinese-days and re-run. A year whose 调休
 * days are not yet in KNOWN_MAKEUP_WORKDAYS is generated with a warning; add them after checking them
 * against the official notice (from then on the generator refuses data that disagrees).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CalendarDay } from '@liandong/domain/calendar/calendar';

/** The first year of the seed (older arrangements are of no use for running deadlines). */
const FIRST_YEAR = 2025;
/** The repository's domain/src/calendar/seed-cn.ts (a file path, not the package specifier: URL cannot resolve that). */
const OUT_FILE = fileURLToPath(new URL('../../../domain/src/calendar/seed-cn.ts', import.meta.url));

/** 调休上班日 read from the official notices; the generator refuses data that disagrees. */
const KNOWN_MAKEUP_WORKDAYS: Readonly<Record<number, readonly string[]>> = {
  2025: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  2026: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/** chinese-days short names → the names used in the notices. */
const FESTIVAL_NAMES: Readonly<Record<string, string>> = {
  元旦: '元旦',
  春节: '春节',
  清明: '清明节',
  劳动节: '劳动节',
  端午: '端午节',
  中秋: '中秋节',
  国庆节: '国庆节',
};

/** Shape of chinese-days/dist/years/<year>.json: day → "English,中文,length". */
interface YearFile {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const MS_PER_DAY = 86_400_000;
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / MS_PER_DAY;
const isWeekend = (day: string): boolean => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

function festivalName(raw: string, day: string): string {
  const zh = raw.split(',')[1] ?? '';
  const name = FESTIVAL_NAMES[zh];
  if (!name) throw new Error(`unknown festival "${raw}" on ${day}; extend FESTIVAL_NAMES`);
  return name;
}

function yearsDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('chinese-days/package.json')), 'dist', 'years');
}

function readYear(year: number): YearFile {
  return JSON.parse(readFileSync(path.join(yearsDir(), `${year}.json`), 'utf8')) as YearFile;
}

/** The years the installed package has (dist/years/<year>.json), from FIRST_YEAR on, ascending. */
export function packageYears(files: readonly string[] = readdirSync(yearsDir())): number[] {
  return files
    .map((f) => /^(\d{4})\.json$/.exec(f)?.[1])
    .filter((y): y is string => y !== undefined)
    .map(Number)
    .filter((y) => y >= FIRST_YEAR)
    .sort((a, b) => a - b);
}

interface Break {
  days: string[];
  festivals: string[];
}

/** Consecutive holiday days form one break; a break spanning two festivals is named "国庆节、中秋节". */
function breaksOf(holidays: Record<string, string>): Break[] {
  const breaks: Break[] = [];
  for (const day of Object.keys(holidays).sort()) {
    const festival = festivalName(holidays[day] ?? '', day);
    const last = breaks.at(-1);
    const lastDay = last?.days.at(-1);
    if (last && lastDay && dayNumber(day) - dayNumber(lastDay) === 1) {
      last.days.push(day);
      if (!last.festivals.includes(festival)) last.festivals.push(festival);
    } else {
      breaks.push({ days: [day], festivals: [festival] });
    }
  }
  return breaks;
}

function generateYear(year: number): CalendarDay[] {
  const data = readYear(year);
  const breaks = breaksOf(data.holidays);
  const out: CalendarDay[] = [];
  for (const b of breaks) {
    if (!b.days.some((d) => !isWeekend(d))) throw new Error(`break ${b.days[0]} has no weekday off`);
    const nameZh = b.festivals.join('、');
    for (const day of b.days) out.push({ day, kind: 'HOLIDAY', nameZh });
  }
  for (const day of Object.keys(data.workdays).sort()) {
    if (!isWeekend(day)) throw new Error(`make-up workday ${day} is not a weekend day`);
    const festival = festivalName(data.workdays[day] ?? '', day);
    // The make-up day belongs to the nearest break of its festival (named like that break).
    const owner = breaks.filter((b) => b.festivals.includes(festival)).sort((x, y) => distance(x, day) - distance(y, day))[0];
    if (!owner) throw new Error(`no ${festival} break for make-up workday ${day}`);
    out.push({ day, kind: 'MAKEUP_WORKDAY', nameZh: owner.festivals.join('、') });
  }
  const makeups = out.filter((d) => d.kind === 'MAKEUP_WORKDAY').map((d) => d.day);
  const known = KNOWN_MAKEUP_WORKDAYS[year];
  if (!known) {
    console.warn(`${year}: make-up workdays ${makeups.join()} not yet checked; add them to KNOWN_MAKEUP_WORKDAYS after reading the notice`);
  } else if (makeups.join() !== [...known].sort().join()) {
    throw new Error(`${year}: make-up workdays ${makeups.join()} differ from the checked list ${known.join()}`);
  }
  return out.sort((a, b) => a.day.localeCompare(b.day));
}

function distance(b: Break, day: string): number {
  return Math.min(...b.days.map((d) => Math.abs(dayNumber(d) - dayNumber(day))));
}

function render(years: number[], days: CalendarDay[], version: string): string {
  const lines = days.map((d) => `  { day: '${d.day}', kind: '${d.kind}', nameZh: '${d.nameZh}' },`);
  return [
    `// Generated by server/src/cli/gen-calendar-seed.ts from chinese-days@${version}. Do not edit by hand.`,
    `import type { CalendarDay } from './calendar';`,
    '',
    '/** Years covered by CN_CALENDAR_SEED; deadlines beyond them fall back to plain weekends. */',
    `export const CN_CALENDAR_SEED_YEARS: readonly number[] = [${years.join(', ')}];`,
    '',
    '/**',
    ' * 国务院办公厅 部分节假日安排: every day of each holiday break (HOLIDAY, weekend days of the break',
    ' * included for display) and every 调休 weekend workday (MAKEUP_WORKDAY), named after its break.',
    ' */',
    'export const CN_CALENDAR_SEED: readonly CalendarDay[] = [',
    ...lines,
    '];',
    '',
  ].join('\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const years = args.filter((a) => a !== '--check').map(Number);
  const selected = years.length > 0 ? years : packageYears();
  if (selected.length === 0) throw new Error(`chinese-days has no year from ${FIRST_YEAR} on`);
  if (selected.some((y) => !Number.isInteger(y))) throw new Error(`bad year in ${args.join(' ')}`);
  const require = createRequire(import.meta.url);
  const { version } = require('chinese-days/package.json') as { version: string };
  const text = render(selected, selected.flatMap(generateYear), version);
  if (check) {
    const current = readFileSync(OUT_FILE, 'utf8');
    if (current !== text) {
      console.error(`${OUT_FILE} is out of date; run npx tsx server/src/cli/gen-calendar-seed.ts`);
      process.exit(1);
    }
    console.log('calendar seed is up to date');
    return;
  }
  writeFileSync(OUT_FILE, text);
  console.log(`wrote ${OUT_FILE} (${selected.join(', ')})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
