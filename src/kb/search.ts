// Search across everything. The query's words pick the candidates: a document qualifies when
// each word starts one of its words, or, for a query word that starts none anywhere, when it
// holds one of that word's near spellings (where typos land). fuse.js then scores only the
// candidates (at most MAX_CANDIDATES), so a query costs little more on 100,000 records than on
// 100. The documents and their normalised words come ready from the cache (searchpart.ts).
import Fuse from 'fuse.js';
import { tokens } from './normalize.js';
import type { Doc, SearchPart } from './searchpart.js';
import { distance } from './suggest.js';

export interface Hit {
  type: string;
  id: string;
  name: string;
  score: number; // 0..1, 1 the best match
  field: string; // the field that matched best
  match: string; // that field's text
}

const MAX_CANDIDATES = 2000;
const MAX_NEAR_WORDS = 200;
const WEIGHTS: Record<string, number> = { name: 3, aliases: 3, title: 2, text: 1, measures: 1, description: 1 };

export class SearchIndex {
  private docs: Doc[];
  private texts: string[];

  constructor(private parts: SearchPart[]) {
    this.docs = parts.flatMap((p) => p.docs);
    this.texts = parts.flatMap((p) => p.texts);
  }

  // Docs among `within` holding a word that starts with one of `words`.
  private prefixed(words: string[], within: Iterable<number>): number[] {
    const hits: number[] = [];
    if (words.length === 1) {
      const w = words[0];
      for (const i of within) {
        const t = this.texts[i];
        for (let at = t.indexOf(w); at !== -1; at = t.indexOf(w, at + 1)) {
          if (at === 0 || t.charCodeAt(at - 1) === 32) {
            hits.push(i);
            break;
          }
        }
      }
      return hits;
    }
    // Several words (near spellings): one pass with one expression, not a pass per word.
    const re = new RegExp(`(?:^| )(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'u');
    for (const i of within) if (re.test(this.texts[i])) hits.push(i);
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

  candidates(query: string): number[] {
    // Words that start some word narrow the candidates first; a word that starts none is
    // then matched by its near spellings, among the fewer candidates left.
    let result: number[] = [...this.docs.keys()];
    const misspelt: string[] = [];
    for (const w of new Set(tokens(query))) {
      const hits = this.prefixed([w], result);
      if (hits.length) result = hits;
      else misspelt.push(w);
    }
    for (const w of misspelt) {
      const near = this.nearWords(w);
      result = near.length ? this.prefixed(near, result) : [];
      if (!result.length) break;
    }
    // Ranked by id so that a capped set is the same on every run.
    return result.sort((a, b) => (this.docs[a].id < this.docs[b].id ? -1 : 1)).slice(0, MAX_CANDIDATES);
  }

  search(query: string, types?: readonly string[]): Hit[] {
    const pool = this.candidates(query)
      .map((i) => this.docs[i])
      .filter((d) => !types || types.includes(d.type));
    if (!pool.length) return [];
    const keys = Object.keys(WEIGHTS).map((k) => ({ name: ['fields', k], weight: WEIGHTS[k] }));
    const fuse = new Fuse(pool, { keys, includeScore: true, includeMatches: true, ignoreLocation: true, threshold: 0.6, ignoreDiacritics: true });
    return fuse
      .search(query)
      .map((r) => {
        const m = r.matches?.[0];
        const field = m?.key?.replace(/^fields\./, '') ?? 'name';
        return { type: r.item.type, id: r.item.id, name: r.item.name, score: round(1 - (r.score ?? 1)), field, match: m?.value ?? r.item.name };
      })
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
