import type { SnippetPart } from '@liandong/domain/casework/contracts';

/** Characters of context kept before the first match in a summary snippet. */
const BEFORE = 30;
/** Length of a summary snippet. */
const WINDOW = 120;

/** [start, end) intervals where any token occurs in the text (case-insensitive), merged and sorted. */
export function matchIntervals(text: string, tokens: readonly string[]): [number, number][] {
  const lower = text.toLowerCase();
  // Lower-casing can change the length of a few exotic characters; then match on the original text.
  const hay = lower.length === text.length ? lower : text;
  const found: [number, number][] = [];
  for (const t of tokens) {
    if (!t) continue;
    let from = 0;
    for (;;) {
      const at = hay.indexOf(t, from);
      if (at < 0) break;
      found.push([at, at + t.length]);
      from = at + 1;
    }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of found) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** The text cut into plain and marked parts. */
export function markParts(text: string, tokens: readonly string[]): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let pos = 0;
  for (const [s, e] of matchIntervals(text, tokens)) {
    if (s > pos) parts.push({ text: text.slice(pos, s), mark: false });
    parts.push({ text: text.slice(s, e), mark: true });
    pos = e;
  }
  if (pos < text.length) parts.push({ text: text.slice(pos), mark: false });
  return parts;
}

/**
 * An excerpt of about WINDOW characters around the first match (or the start when nothing matches),
 * with the matched tokens marked and an ellipsis where the text was cut.
 */
export function snippetParts(text: string, tokens: readonly string[]): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const first = matchIntervals(flat, tokens)[0];
  const start = first ? Math.max(0, Math.min(first[0] - BEFORE, flat.length - WINDOW)) : 0;
  const end = Math.min(flat.length, start + WINDOW);
  const parts = markParts(flat.slice(start, end), tokens);
  if (start > 0) parts.unshift({ text: '…', mark: false });
  if (end < flat.length) parts.push({ text: '…', mark: false });
  return parts;
}
