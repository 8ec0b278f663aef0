// What search needs of one KB file, computed once when the file is read and kept in the
// cache beside its records: the documents, and a token index over them: the file's distinct
// normalised words, sorted (so a prefix is a range found by binary search), each with the
// documents that hold it. A search then looks words up instead of re-reading and
// re-normalising every record.
import type { ClaimKind, EntityType } from '../model.js';
import { tokens } from '../text/normalize.js';
import type { Claim, Entity, Source } from './schema.js';

export interface Doc {
  type: EntityType | ClaimKind | 'source';
  id: string;
  name: string; // what the hit is called: a name, a title, a claim's text
  fields: Record<string, string[]>;
}

export interface SearchPart {
  docs: Doc[];
  words: string[]; // the distinct words of the part's documents, normalised and sorted
  postings: number[][]; // per word: the indexes in `docs` of the documents holding it
}

export function documents(kb: { entities: Entity[]; claims: Claim[]; sources: Source[] }): Doc[] {
  return [
    ...kb.entities.map((e) => ({
      type: e.type,
      id: e.id,
      name: e.name,
      fields: {
        name: [e.name],
        aliases: e.aliases,
        'editor.names': e.editor?.names ?? [],
        description: e.description ? [e.description] : [],
        note: e.note ? [e.note] : [],
      },
    })),
    ...kb.claims.map((c) => ({
      type: c.kind,
      id: c.id,
      // A role claim may have no text of its own: its role words stand for it.
      name: c.text ?? c.role ?? '',
      fields: {
        text: [c.text ?? c.role ?? ''],
        measures: c.measures ? [c.measures] : [],
        note: c.note ? [c.note] : [],
      },
    })),
    ...kb.sources.map((s) => ({ type: 'source' as const, id: s.id, name: s.title, fields: { title: [s.title] } })),
  ];
}

// Once per file's records: a rebuild writes a file's part to the cache and, for a search,
// answers from the same records.
const made = new WeakMap<object, SearchPart>();

export function searchPart(records: { entities: Entity[]; claims: Claim[]; sources: Source[] }): SearchPart {
  let part = made.get(records);
  if (!part) made.set(records, (part = build(records)));
  return part;
}

function build(records: { entities: Entity[]; claims: Claim[]; sources: Source[] }): SearchPart {
  const docs = documents(records);
  const holders = new Map<string, number[]>();
  docs.forEach((d, i) => {
    for (const t of new Set(tokens(Object.values(d.fields).flat().join(' ')))) {
      const list = holders.get(t);
      if (list) list.push(i);
      else holders.set(t, [i]);
    }
  });
  const words = [...holders.keys()].sort();
  return { docs, words, postings: words.map((w) => holders.get(w)!) };
}
