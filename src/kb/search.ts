// Search across everything. An exact and prefix token index picks the candidates; fuse.js
// scores only those (at most MAX_CANDIDATES), so a query costs the same on 100 records as
// on 100,000. Words with no exact or prefix hit fall back to the index's words within a
// small edit distance, which is where typos land.
import Fuse from 'fuse.js';
import type { Claim, Entity, Source } from './schema.js';
import { tokens } from './normalize.js';
import { distance } from './suggest.js';

export interface Doc {
  type: string; // an entity type, a claim kind, or "source"
  id: string;
  name: string; // what the hit is called: a name, a title, a claim's text
  fields: Record<string, string[]>;
}

export interface Hit {
  type: string;
  id: string;
  name: string;
  score: number; // 0..1, 1 the best match
  field: string; // the field that matched best
  match: string; // that field's text
}

const MAX_CANDIDATES = 2000;
const WEIGHTS: Record<string, number> = { name: 3, aliases: 3, title: 2, text: 1, measures: 1, description: 1 };

export function documents(kb: { entities: Entity[]; claims: Claim[]; sources: Source[] }): Doc[] {
  return [
    ...kb.entities.map((e) => ({ type: e.type, id: e.id, name: e.name, fields: { name: [e.name], aliases: e.aliases, description: e.description ? [e.description] : [] } })),
    ...kb.claims.map((c) => ({ type: c.kind, id: c.id, name: c.text, fields: { text: [c.text], measures: c.measures ? [c.measures] : [] } })),
    ...kb.sources.map((s) => ({ type: 'source', id: s.id, name: s.title, fields: { title: [s.title] } })),
  ];
}

export class SearchIndex {
  private postings = new Map<string, number[]>();
  private vocab: string[];

  constructor(readonly docs: Doc[]) {
    docs.forEach((d, i) => {
      for (const values of Object.values(d.fields)) {
        for (const v of values) {
          for (const t of tokens(v)) {
            const p = this.postings.get(t);
            if (!p) this.postings.set(t, [i]);
            else if (p[p.length - 1] !== i) p.push(i);
          }
        }
      }
    });
    this.vocab = [...this.postings.keys()].sort();
  }

  // Docs holding a word that equals or starts with t.
  private prefixed(t: string, into: Set<number>) {
    let lo = 0;
    let hi = this.vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.vocab[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.vocab.length && this.vocab[i].startsWith(t); i++) {
      for (const d of this.postings.get(this.vocab[i])!) into.add(d);
      if (into.size > MAX_CANDIDATES * 4) return;
    }
  }

  private near(t: string, into: Set<number>) {
    const limit = t.length <= 4 ? 1 : 2;
    for (const w of this.vocab) {
      if (Math.abs(w.length - t.length) <= limit && distance(t, w) <= limit) for (const d of this.postings.get(w)!) into.add(d);
    }
  }

  candidates(query: string): number[] {
    const words = tokens(query);
    // Every word of the query narrows the candidates; a word with no exact or prefix hit
    // widens to its near spellings instead.
    let result: Set<number> | undefined;
    for (const w of new Set(words)) {
      const hits = new Set<number>();
      this.prefixed(w, hits);
      if (!hits.size) this.near(w, hits);
      result = result ? new Set([...result].filter((d) => hits.has(d))) : hits;
      if (!result.size) break;
    }
    // Rank by id so that a capped set is the same on every run.
    return [...(result ?? [])].sort((a, b) => (this.docs[a].id < this.docs[b].id ? -1 : 1)).slice(0, MAX_CANDIDATES);
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
