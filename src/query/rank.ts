// How well one field of a record answers a query, from 0 to 1: how many of the query's words
// it holds (exactly, as the start of a word, or misspelt), whether it holds them as the phrase
// typed, and how closely fuse.js finds it resembles the query; weighted by what the field is,
// so an exact phrase in a claim's text ranks above a loose hit in a description.
import { nameKey } from '../text/normalize.js';
import { distance } from '../text/suggest.js';

// The fields a hit can come from, most telling first (a tie goes to the earlier).
// `editor.names`: names the editor supplied (a Chinese name the source does not print).
export const FIELDS = ['name', 'aliases', 'editor.names', 'title', 'text', 'measures', 'description', 'note'] as const;
export type Field = (typeof FIELDS)[number];
const WEIGHT: Record<(typeof FIELDS)[number], number> = {
  name: 1,
  aliases: 1,
  'editor.names': 1,
  title: 0.95,
  text: 0.9,
  measures: 0.85,
  description: 0.7,
  note: 0.6,
};

// Words that find nearly everything: they count toward a phrase, not as words of their own.
export const STOPWORDS = new Set(
  'a an the of in on at to for and or is are was were be been by with as from that this it its'.split(' '),
);

const HAN = /\p{Script=Han}/u;
const WORD = /\p{Script=Han}|[\p{L}\p{N}]+/gu;

// How a word of the text answers a query word: exactly, as its start, or within a typo or two.
function credit(key: string, w: string): number {
  if (key === w) return 1;
  if (key.startsWith(w)) return 0.85;
  const limit = w.length <= 2 ? 0 : w.length <= 4 ? 1 : 2;
  return limit && Math.abs(key.length - w.length) <= limit && distance(key, w) <= limit ? 0.7 : 0;
}

export function scoreField(
  field: string,
  value: string,
  all: string[], // every word of the query, in order
  words: string[], // the ones that count on their own
  fuzzy: number, // fuse.js's resemblance of this field to the query, 0..1
): { score: number; span: [number, number] | null } {
  const found = [...value.matchAll(WORD)].map((m) => ({
    key: nameKey(m[0]),
    at: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
  const folded = nameKey(value);
  let start = Infinity;
  let end = -1;
  const mark = (a: number, b: number) => {
    start = Math.min(start, a);
    end = Math.max(end, b);
  };
  let sum = 0;
  for (const w of words) {
    // Chinese has no spaces: a query's characters and pairs of characters match anywhere.
    if (HAN.test(w)) {
      const at = folded.indexOf(w);
      if (at >= 0) {
        sum += 1;
        mark(at, at + w.length);
      }
      continue;
    }
    let best = 0;
    for (const t of found) {
      const c = credit(t.key, w);
      if (c > best) best = c;
      if (c) mark(t.at, t.end);
    }
    sum += best;
  }
  const coverage = words.length ? sum / words.length : 0;
  const weight = WEIGHT[field as (typeof FIELDS)[number]] ?? 0.5;
  const score = weight * (0.55 * coverage + 0.3 * phrase(found, all, words) + 0.15 * fuzzy);
  return { score, span: end >= 0 ? [start, end] : null };
}

// How much of the query the text holds in the query's order, close together: 1 when the whole
// query stands in the text as typed; else the longest chain of its words (the words that count
// on their own) that the text holds in that order, each within a few words of the one before,
// as a share of those words. "invested in AIGC" holds a chain of two of "invested in the field
// of AIGC"'s three.
function phrase(found: { key: string }[], all: string[], words: string[]): number {
  if (!all.length || all.some((w) => HAN.test(w))) return 0;
  const keys = found.map((t) => t.key);
  for (let i = 0; i + all.length <= keys.length; i++) if (all.every((w, j) => credit(keys[i + j], w) >= 0.85)) return 1;
  let longest = 0;
  for (let i = 0; i < keys.length; i++) {
    for (let j = 0; j < words.length; j++) {
      if (credit(keys[i], words[j]) < 0.85) continue;
      let n = 1;
      let at = i;
      for (let k = j + 1; k < words.length; k++) {
        const next = keys.findIndex((key, x) => x > at && x <= at + GAP && credit(key, words[k]) >= 0.85);
        if (next < 0) continue;
        n++;
        at = next;
      }
      longest = Math.max(longest, n);
    }
  }
  return words.length > 1 ? (0.9 * longest) / words.length : 0;
}

// How far apart (in words) two words of a chain may stand.
const GAP = 4;
