// Did-you-mean: the closest candidates by edit distance, close enough to be a likely typo.
// The distance counts a swap of two neighbouring letters as one edit ("vidoe" -> "video").
import { terminalText } from './terminal.js';

export function distance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 8) return Math.abs(a.length - b.length);
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        cur[j] = Math.min(cur[j], before[j - 2] + 1);
    }
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}

// Text from a file or a user, fit for a one-line message: escaped for the terminal
// (src/text/terminal.ts), and long text cut short.
export function shown(s: string, max = 80): string {
  const escaped = terminalText(s);
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}

// A third of a word may be wrong, and at least one letter: "usdd" -> USD, but "42" -> nothing.
export function typoLimit(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

export function closest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase();
  const limit = typoLimit(w);
  const scored: [string, number][] = [];
  for (const c of new Set(candidates)) {
    const lc = c.toLowerCase();
    const prefix = w.length >= 3 && (lc.startsWith(w) || w.startsWith(lc));
    const d = prefix ? Math.min(1, distance(w, lc)) : distance(w, lc);
    if (d <= limit) scored.push([c, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  return scored.slice(0, max).map(([c]) => c);
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const best = closest(word, candidates);
  return best.length ? ` (did you mean ${best.map((b) => `\`${shown(b)}\``).join(' or ')}?)` : '';
}
