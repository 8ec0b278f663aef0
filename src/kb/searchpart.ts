// What search needs of one KB file, computed once when the file is read and kept in the
// cache beside its records: the documents, each one's words as one normalised string, and
// the file's distinct words (where a misspelt query word looks for its near spellings).
// A search then scans plain strings instead of re-reading and re-normalising every record.
import { tokens } from './normalize.js';
import type { Claim, Entity, Source } from './schema.js';

export interface Doc {
  type: string; // an entity type, a claim kind, or "source"
  id: string;
  name: string; // what the hit is called: a name, a title, a claim's text
  fields: Record<string, string[]>;
}

export interface SearchPart {
  docs: Doc[];
  texts: string[]; // per doc: its words, normalised, separated by single spaces
  words: string[]; // the distinct words of the part
}

export function documents(kb: { entities: Entity[]; claims: Claim[]; sources: Source[] }): Doc[] {
  return [
    ...kb.entities.map((e) => ({ type: e.type, id: e.id, name: e.name, fields: { name: [e.name], aliases: e.aliases, description: e.description ? [e.description] : [] } })),
    ...kb.claims.map((c) => ({ type: c.kind, id: c.id, name: c.text, fields: { text: [c.text], measures: c.measures ? [c.measures] : [] } })),
    ...kb.sources.map((s) => ({ type: 'source', id: s.id, name: s.title, fields: { title: [s.title] } })),
  ];
}

export function searchPart(records: { entities: Entity[]; claims: Claim[]; sources: Source[] }): SearchPart {
  const docs = documents(records);
  const words = new Set<string>();
  const texts = docs.map((d) => {
    const toks = tokens(Object.values(d.fields).flat().join(' '));
    for (const t of toks) words.add(t);
    return toks.join(' ');
  });
  return { docs, texts, words: [...words] };
}

