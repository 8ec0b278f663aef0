// The shape of records read back from the cache, checked without zod (which the query path
// never loads): every field of the schema (schema.ts) with the type it has once validated, and
// nothing else. The cache's checksums catch damage; this catches anything that passes them but
// would still crash a command or answer wrongly, such as a part written by a buggy build.
// test/cache-shape.test.ts holds these to the schema.
import { CLAIM_KINDS, ENTITY_TYPES, PARAGRAPH_SCHEMES, RELATION_KINDS, SOURCE_KINDS } from '../model.js';
import type { SearchPart } from './searchpart.js';

type Check = (v: unknown) => boolean;

const str: Check = (v) => typeof v === 'string';
const bool: Check = (v) => typeof v === 'boolean';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const oneOf = (xs: readonly string[]): Check => {
  const set = new Set(xs);
  return (v) => typeof v === 'string' && set.has(v);
};
const opt =
  (c: Check): Check =>
  (v) =>
    v === undefined || c(v);
const list =
  (c: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(c);

// A plain object with these fields, each present (or absent where optional) with its type.
function record(fields: Record<string, Check>): Check & { fields: string[] } {
  const names = Object.keys(fields);
  const check = (v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
    const r = v as Record<string, unknown>;
    for (const k in r) if (!Object.hasOwn(fields, k)) return false;
    for (const n of names) if (!fields[n](r[n])) return false;
    return true;
  };
  return Object.assign(check, { fields: names });
}

const date = str;
const amount = record({ amount: num, unit: opt(str) });
const range = record({ min: num, max: num, unit: opt(str) });

export const SHAPES = {
  sources: record({
    id: str,
    kind: oneOf(SOURCE_KINDS),
    title: str,
    publisher: str,
    published: date,
    published_inferred: bool,
    url: opt(str),
    language: str,
    translated_from: opt(str),
    paragraphs: oneOf(PARAGRAPH_SCHEMES),
    note: opt(str),
  }),
  entities: record({
    id: str,
    type: oneOf(ENTITY_TYPES),
    name: str,
    aliases: list(str),
    description: opt(str),
    segments: list(str),
    relations: list(record({ kind: oneOf(RELATION_KINDS), to: str, role: opt(str), note: opt(str) })),
    sources: list(str),
    note: opt(str),
  }),
  claims: record({
    id: str,
    kind: oneOf(CLAIM_KINDS),
    about: list(str),
    by: (v) => v === null || typeof v === 'string',
    text: str,
    value: opt((v) => amount(v) || range(v)),
    measures: opt(str),
    when: opt(record({ date, end: opt(date), inferred: bool, basis: opt(str) })),
    source: str,
    paragraph: (v) => Number.isSafeInteger(v) && (v as number) > 0,
    note: opt(str),
  }),
};

// A search part whose postings point only at its own documents.
export function isSearchPart(v: unknown): v is SearchPart {
  const p = v as SearchPart;
  if (!p || typeof p !== 'object' || !Array.isArray(p.docs) || !Array.isArray(p.words) || !Array.isArray(p.postings))
    return false;
  if (p.words.length !== p.postings.length || !p.words.every(str)) return false;
  for (const d of p.docs) {
    if (!d || typeof d !== 'object' || !str(d.type) || !str(d.id) || !str(d.name)) return false;
    if (!d.fields || typeof d.fields !== 'object') return false;
    for (const k in d.fields) if (!list(str)(d.fields[k])) return false;
  }
  const n = p.docs.length;
  for (const docs of p.postings) {
    if (!Array.isArray(docs)) return false;
    for (const i of docs) if (!Number.isSafeInteger(i) || i < 0 || i >= n) return false;
  }
  return true;
}

const position: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 1;
const problem = { line: position, col: position, message: str, severity: oneOf(['error', 'warning']) };

// A stored problem: where it is and what it says; with `files`, also the index of its file.
export const isStoredProblem = (files?: number): Check =>
  files === undefined
    ? record(problem)
    : record({ ...problem, at: (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) < files });
