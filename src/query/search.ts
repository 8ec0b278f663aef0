// Search across everything. The query's words pick the candidates from a token index: a
// document qualifies when each word equals or starts one of its words, or, for a query word
// that starts none anywhere, when it holds one of that word's near spellings (where typos
// land). fuse.js then scores only the candidates (at most MAX_CANDIDATES), so a query costs
// little more on 100,000 records than on 100. The index comes ready, file by file, from the
// cache (searchpart.ts).
import Fuse from 'fuse.js';
import { nameKey, tokens } from '../text/normalize.js';
import type { Doc, SearchPart } from '../load/searchpart.js';
import { distance } from '../text/suggest.js';
import { compareText } from '../text/words.js';
import { FIELDS, type Field, STOPWORDS, scoreField } from './rank.js';
import type { SearchHit } from '../output/shapes.js';

// A hit: its type, id and name, a score from 0 to 1 (1 the best), the field that matched best
// and that field's text.
export type Hit = SearchHit;

const MAX_CANDIDATES = 2000;
const MAX_NEAR_WORDS = 200;
// A query costs in proportion to its length (fuse.js scores each candidate against the whole
// of it: a 2 KB query took seconds), so only its start is read: its first MAX_QUERY_CHARS
// characters, cut after a whole word where there is one, and of their words the first
// MAX_QUERY_WORDS. A question or a quoted sentence fits; a search costs the same past them.
export const MAX_QUERY_CHARS = 64;
export const MAX_QUERY_WORDS = 24;

// What a query is searched for: the text fuse.js scores with, and the words looked up.
export function queryTerms(query: string): { pattern: string; words: string[] } {
  let pattern = nameKey(query);
  if (pattern.length > MAX_QUERY_CHARS) {
    const cut = pattern.slice(0, MAX_QUERY_CHARS + 1);
    const space = cut.lastIndexOf(' ');
    pattern = (space > 0 ? cut.slice(0, space) : cut.slice(0, MAX_QUERY_CHARS)).trimEnd();
  }
  return { pattern, words: [...new Set(tokens(pattern))].slice(0, MAX_QUERY_WORDS) };
}

export class SearchIndex {
  private docs: Doc[];
  private base: number[]; // where each part's documents start in `docs`

  constructor(private parts: SearchPart[]) {
    this.docs = parts.flatMap((p) => p.docs);
    let n = 0;
    this.base = parts.map((p) => {
      const start = n;
      n += p.docs.length;
      return start;
    });
  }

  // Documents holding a word that starts with w (or equals it, with `exact`).
  private lookup(w: string, exact = false): Set<number> {
    const hits = new Set<number>();
    this.parts.forEach((p, k) => {
      for (let i = lowerBound(p.words, w); i < p.words.length && p.words[i].startsWith(w); i++) {
        if (exact && p.words[i] !== w) break;
        for (const d of p.postings[i]) hits.add(this.base[k] + d);
      }
    });
    return hits;
  }

  // The words of the KB within a small edit distance of w, closest first.
  private nearWords(w: string): string[] {
    const limit = w.length <= 4 ? 1 : 2;
    const seen = new Set<string>();
    const found: [string, number][] = [];
    for (const p of this.parts) {
      for (const v of p.words) {
        if (Math.abs(v.length - w.length) > limit || seen.has(v)) continue;
        seen.add(v);
        const d = distance(w, v);
        if (d <= limit) found.push([v, d]);
      }
    }
    return found
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_NEAR_WORDS)
      .map(([v]) => v);
  }

  // Which documents hold each query word: exactly, as a prefix, or (for a word that starts no
  // word at all) through its near spellings.
  private holders(w: string): { any: Set<number>; exact: Set<number> } {
    const any = this.lookup(w);
    if (any.size) return { any, exact: this.lookup(w, true) };
    const near = new Set<number>();
    for (const v of this.nearWords(w)) for (const d of this.lookup(v, true)) near.add(d);
    return { any: near, exact: new Set() };
  }

  // The documents of the allowed types to score. Those that hold every word, when there are any;
  // else those that hold most of them, so that a near-phrase ("invested in the field of AIGC")
  // still finds the statement that says "invested in AIGC". The cap keeps those that hold the
  // most words, then the most exactly, ties by id, so the set is the same on every run.
  candidates(words: string[], types?: readonly string[]): number[] {
    const held = new Map<number, { n: number; exact: number }>();
    for (const w of words) {
      const { any, exact } = this.holders(w);
      for (const d of any) {
        const h = held.get(d) ?? { n: 0, exact: 0 };
        h.n++;
        if (exact.has(d)) h.exact++;
        held.set(d, h);
      }
    }
    const allowed = [...held].filter(([d]) => !types || types.includes(this.docs[d].type));
    const most = Math.max(0, ...allowed.map(([, h]) => h.n));
    const need = most === words.length ? most : Math.max(most, Math.ceil(words.length / 2));
    return allowed
      .filter(([, h]) => h.n >= need)
      .sort(([a, ha], [b, hb]) => hb.n - ha.n || hb.exact - ha.exact || compareText(this.docs[a].id, this.docs[b].id))
      .slice(0, MAX_CANDIDATES)
      .map(([d]) => d);
  }

  search(query: string, types?: readonly string[]): Hit[] {
    const { pattern, words: all } = queryTerms(query);
    // Words such as "in" and "the" find nearly everything; they count only in a phrase.
    const content = all.filter((w) => !STOPWORDS.has(w));
    const words = content.length ? content : all;
    const pool = this.candidates(words, types).map((i) => this.docs[i]);
    if (!pool.length) return [];
    // fuse.js scores how closely each field resembles the whole query, misspellings and all;
    // rank.ts weighs that with the words and the phrase each field holds.
    const getFn = (doc: Doc, path: string | string[]) => (doc.fields[(path as string[])[1]] ?? []).map(nameKey);
    const fuse = new Fuse(pool, {
      keys: FIELDS.map((k) => ({ name: ['fields', k], weight: 1 })),
      getFn,
      includeScore: true,
      includeMatches: true,
      ignoreLocation: true,
      threshold: 1,
    });
    const fuzzy = new Map<Doc, Map<string, number>>();
    for (const r of fuse.search(pattern)) {
      const byField = new Map<string, number>();
      for (const m of r.matches ?? []) {
        const f = m.key?.replace(/^fields\./, '') ?? '';
        byField.set(f, Math.max(byField.get(f) ?? 0, 1 - (r.score ?? 1)));
      }
      fuzzy.set(r.item, byField);
    }
    return pool
      .map((doc) => {
        const best = bestField(doc, all, words, fuzzy.get(doc));
        return { type: doc.type, id: doc.id, name: doc.name, score: round(best.score), ...best.hit };
      })
      .sort((a, b) => b.score - a.score || compareText(a.id, b.id));
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;

// The first index in a sorted list whose word is not below w.
function lowerBound(words: string[], w: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid] < w) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// The field that matches best, with its text as stored and the span of the words it matched.
function bestField(doc: Doc, all: string[], words: string[], fuzzy?: Map<string, number>) {
  let best = { score: 0, hit: { field: 'name' as Field, match: doc.name, span: null as [number, number] | null } };
  for (const field of FIELDS) {
    for (const value of doc.fields[field] ?? []) {
      const s = scoreField(field, value, all, words, fuzzy?.get(field) ?? 0);
      if (s.score > best.score) best = { score: s.score, hit: { field, match: value, span: s.span } };
    }
  }
  return best;
}
