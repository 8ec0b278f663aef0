// The shape of records read back from the cache, checked without zod (which the query path
// never loads): every field of the schema (schema.ts) with the type it has once validated, and
// nothing else. The cache's checksums catch damage; this catches anything that passes them but
// would still crash a command or answer wrongly, such as a part written by a buggy build.
// Each check is written out field by field rather than composed from small functions: it runs
// over every record of a section a query reads (100,000 at a time), where a generic walk costs
// as much as parsing the JSON. test/cache-shape.test.ts holds the checks and FIELDS to the schema.
import { CLAIM_KINDS, ENTITY_TYPES, PARAGRAPH_SCHEMES, RELATION_KINDS, SOURCE_KINDS } from '../model.js';
import type { SearchPart } from './searchpart.js';

type Rec = Record<string, unknown>;

const isObject = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const optStr = (v: unknown) => v === undefined || typeof v === 'string';
function strings(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const x of v) if (typeof x !== 'string') return false;
  return true;
}
const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
// Nothing but the fields named: as many keys as the fields it has (JSON keeps no undefined).
function only(r: Rec, present: number): boolean {
  let n = 0;
  for (const _ in r) n++;
  return n === present;
}
const has = (v: unknown) => (v === undefined ? 0 : 1);

const SOURCE_KIND = new Set<unknown>(SOURCE_KINDS);
const SCHEME = new Set<unknown>(PARAGRAPH_SCHEMES);
const ENTITY_TYPE = new Set<unknown>(ENTITY_TYPES);
const RELATION_KIND = new Set<unknown>(RELATION_KINDS);
const CLAIM_KIND = new Set<unknown>(CLAIM_KINDS);
const DOC_TYPE = new Set<unknown>([...ENTITY_TYPES, ...CLAIM_KINDS, 'source']);

// The fields each check knows, for the test that holds them to the schema.
export const FIELDS = {
  sources: [
    'id',
    'kind',
    'title',
    'publisher',
    'column',
    'author',
    'published',
    'published_inferred',
    'updated',
    'url',
    'language',
    'translated_from',
    'machine_translated',
    'paragraphs',
    'text',
    'note',
  ],
  entities: ['id', 'type', 'name', 'aliases', 'description', 'segments', 'relations', 'sources', 'note'],
  claims: ['id', 'kind', 'about', 'by', 'text', 'value', 'measures', 'when', 'source', 'paragraph', 'note'],
};

const SHA256 = /^[0-9a-f]{64}$/;
const positive = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;

// A text's fingerprint: a positive count, and a hash of the form src/texts/store.ts names a file by.
function isFingerprint(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { sha256, paragraphs } = v;
  return typeof sha256 === 'string' && SHA256.test(sha256) && positive(paragraphs) && only(v, 2);
}

function isSource(v: unknown): boolean {
  if (!isObject(v)) return false;
  const {
    id,
    kind,
    title,
    publisher,
    column,
    author,
    published,
    published_inferred,
    updated,
    url,
    language,
    translated_from,
    machine_translated,
    paragraphs,
    text,
    note,
  } = v;
  return (
    typeof id === 'string' &&
    SOURCE_KIND.has(kind) &&
    typeof title === 'string' &&
    typeof publisher === 'string' &&
    optStr(column) &&
    optStr(author) &&
    typeof published === 'string' &&
    typeof published_inferred === 'boolean' &&
    optStr(updated) &&
    optStr(url) &&
    typeof language === 'string' &&
    optStr(translated_from) &&
    typeof machine_translated === 'boolean' &&
    SCHEME.has(paragraphs) &&
    (text === undefined || isFingerprint(text)) &&
    optStr(note) &&
    only(v, 9 + has(column) + has(author) + has(updated) + has(url) + has(translated_from) + has(text) + has(note))
  );
}

function isRelation(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { kind, to, role, note } = v;
  return (
    RELATION_KIND.has(kind) &&
    typeof to === 'string' &&
    optStr(role) &&
    optStr(note) &&
    only(v, 2 + has(role) + has(note))
  );
}

function isEntity(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { id, type, name, aliases, description, segments, relations, sources, note } = v;
  if (
    !(
      typeof id === 'string' &&
      ENTITY_TYPE.has(type) &&
      typeof name === 'string' &&
      strings(aliases) &&
      optStr(description) &&
      strings(segments) &&
      Array.isArray(relations) &&
      strings(sources) &&
      optStr(note) &&
      only(v, 7 + has(description) + has(note))
    )
  )
    return false;
  for (const r of relations) if (!isRelation(r)) return false;
  return true;
}

function isValue(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { amount, min, max, unit } = v;
  if (!optStr(unit)) return false;
  if (amount !== undefined) return finite(amount) && only(v, 1 + has(unit));
  return finite(min) && finite(max) && only(v, 2 + has(unit));
}

function isWhen(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { date, end, inferred, basis } = v;
  return (
    typeof date === 'string' &&
    optStr(end) &&
    typeof inferred === 'boolean' &&
    optStr(basis) &&
    only(v, 2 + has(end) + has(basis))
  );
}

function isClaim(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { id, kind, about, by, text, value, measures, when, source, paragraph, note } = v;
  return (
    typeof id === 'string' &&
    CLAIM_KIND.has(kind) &&
    strings(about) &&
    (by === null || typeof by === 'string') &&
    typeof text === 'string' &&
    (value === undefined || isValue(value)) &&
    optStr(measures) &&
    (when === undefined || isWhen(when)) &&
    typeof source === 'string' &&
    positive(paragraph) &&
    optStr(note) &&
    only(v, 7 + has(value) + has(measures) + has(when) + has(note))
  );
}

export const SHAPES = { sources: isSource, entities: isEntity, claims: isClaim };

// A search part whose postings point only at its own documents.
export function isSearchPart(v: unknown): v is SearchPart {
  const p = v as SearchPart;
  if (!p || typeof p !== 'object' || !Array.isArray(p.docs) || !Array.isArray(p.words) || !Array.isArray(p.postings))
    return false;
  if (p.words.length !== p.postings.length || !strings(p.words)) return false;
  for (const d of p.docs) {
    if (!isObject(d) || !DOC_TYPE.has(d.type) || typeof d.id !== 'string' || typeof d.name !== 'string') return false;
    if (!isObject(d.fields)) return false;
    for (const k in d.fields) if (!strings(d.fields[k])) return false;
  }
  const n = p.docs.length;
  for (const docs of p.postings) {
    if (!Array.isArray(docs)) return false;
    for (const i of docs) if (!Number.isSafeInteger(i) || i < 0 || i >= n) return false;
  }
  return true;
}

const position = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 1;

// A stored problem: where it is and what it says; with `files`, also the index of its file.
export const isStoredProblem =
  (files?: number) =>
  (v: unknown): boolean => {
    if (!isObject(v)) return false;
    const { line, col, message, severity, at } = v;
    const base =
      position(line) &&
      position(col) &&
      typeof message === 'string' &&
      (severity === 'error' || severity === 'warning');
    if (files === undefined) return base && only(v, 4);
    return base && Number.isSafeInteger(at) && (at as number) >= 0 && (at as number) < files && only(v, 5);
  };
