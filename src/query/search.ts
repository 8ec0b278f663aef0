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
import type { SearchHit } from '../output/shapes.js';

// A hit: its type, id and name, a score from 0 to 1 (1 the best), the field that matched best
// and that field's text.
export type Hit = SearchHit;

const MAX_CANDIDATES = 2000;
const MAX_NEAR_WORDS = 200;
const WEIGHTS: Record<string, number> = {
  name: 3,
  aliases: 3,
  'editor.names': 3,
  title: 2,
  text: 1,
  measures: 1,
  description: 1,
};

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

  // The documents of the allowed types that match every word of the query, best first.
  candidates(words: string[], types?: readonly string[]): number[] {
    // Every word narrows the candidates: through the index, by exact word or prefix; a word
    // that starts no word at all, through its near spellings. Exact words count toward rank.
    let result: Set<number> | undefined;
    const narrow = (hits: Set<number>) => (result = result ? new Set([...result].filter((d) => hits.has(d))) : hits);
    const exact = new Map<number, number>();
    const misspelt: string[] = [];
    for (const w of words) {
      const hits = this.lookup(w);
      if (!hits.size) {
        misspelt.push(w);
        continue;
      }
      narrow(hits);
      for (const d of this.lookup(w, true)) exact.set(d, (exact.get(d) ?? 0) + 1);
    }
    for (const w of misspelt) {
      const hits = new Set<number>();
      for (const near of this.nearWords(w)) for (const d of this.lookup(near, true)) hits.add(d);
      narrow(hits);
    }
    // The type filter comes before the cap, and the cap keeps the documents that match the
    // most words exactly, ties by id, so the set is the same on every run.
    return [...(result ?? [])]
      .filter((d) => !types || types.includes(this.docs[d].type))
      .sort((a, b) => (exact.get(b) ?? 0) - (exact.get(a) ?? 0) || (this.docs[a].id < this.docs[b].id ? -1 : 1))
      .slice(0, MAX_CANDIDATES);
  }

  search(query: string, types?: readonly string[]): Hit[] {
    const words = [...new Set(tokens(query))];
    const pool = this.candidates(words, types).map((i) => this.docs[i]);
    if (!pool.length) return [];
    const keys = Object.keys(WEIGHTS).map((k) => ({ name: ['fields', k], weight: WEIGHTS[k] }));
    // Fuse compares the same normalised text the index holds: case, width and accents aside.
    const getFn = (doc: Doc, path: string | string[]) => (doc.fields[(path as string[])[1]] ?? []).map(nameKey);
    const fuse = new Fuse(pool, {
      keys,
      getFn,
      includeScore: true,
      includeMatches: true,
      ignoreLocation: true,
      threshold: 0.6,
    });
    return fuse
      .search(nameKey(query))
      .map((r) => {
        const { field, match } = bestField(r.item, r.matches ?? [], words);
        return { type: r.item.type, id: r.item.id, name: r.item.name, score: round(1 - (r.score ?? 1)), field, match };
      })
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
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

// The field to name for a hit: the first, by weight, whose words hold a query word; else the
// first fuse matched. Its text as stored, not normalised.
function bestField(
  doc: Doc,
  matches: readonly { key?: string; refIndex?: number }[],
  words: string[],
): { field: string; match: string } {
  for (const field of Object.keys(WEIGHTS)) {
    for (const value of doc.fields[field] ?? []) {
      const toks = tokens(value);
      if (words.some((w) => toks.some((t) => t.startsWith(w)))) return { field, match: value };
    }
  }
  const m = matches[0];
  const field = m?.key?.replace(/^fields\./, '') ?? 'name';
  return { field, match: doc.fields[field]?.[m?.refIndex ?? 0] ?? doc.name };
}
