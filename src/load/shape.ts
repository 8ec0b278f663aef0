// The shape of records read back from the cache, checked without zod (which the query path
// never loads): every field of the schema (schema.ts) with the type it has once validated, and
// nothing else. The cache's checksums catch damage; this catches anything that passes them but
// would still crash a command or answer wrongly, such as a part written by a buggy build.
// Each check is written out field by field rather than composed from small functions: it runs
// over every record of a section a query reads (100,000 at a time), where a generic walk costs
// as much as parsing the JSON. test/cache-shape.test.ts holds the checks and FIELDS to the schema.
import { CLAIM_KINDS, ENTITY_TYPES, IDENTITIES, PARAGRAPH_SCHEMES, RELATION_KINDS, SOURCE_KINDS } from '../model.js';
import type { Claim } from './schema.js';
import type { SearchPart } from './searchpart.js';
import { isClaim } from './shape-claim.js';
import { has, isObject, only, optEditor, optPara, optStr, positive, strings } from './shape-kit.js';

const SOURCE_KIND = new Set<unknown>(SOURCE_KINDS);
const SCHEME = new Set<unknown>(PARAGRAPH_SCHEMES);
const ENTITY_TYPE = new Set<unknown>(ENTITY_TYPES);
const RELATION_KIND = new Set<unknown>(RELATION_KINDS);
const IDENTITY = new Set<unknown>(IDENTITIES);
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
  entities: [
    'id',
    'type',
    'name',
    'aliases',
    'identity',
    'description',
    'segments',
    'country',
    'relations',
    'editor',
    'sources',
    'note',
  ],
  claims: [
    'id',
    'kind',
    'modality',
    'about',
    'by',
    'by_inferred',
    'via',
    'via_inferred',
    'to',
    'text',
    'role',
    'org',
    'value',
    'measure',
    'measures',
    'when',
    'source',
    'paragraph',
    'repeats',
    'contradicts',
    'note',
  ],
};

const SHA256 = /^[0-9a-f]{64}$/;

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
  const { kind, to, paragraph, source, editor, note } = v;
  return (
    RELATION_KIND.has(kind) &&
    typeof to === 'string' &&
    optPara(paragraph) &&
    optStr(source) &&
    optEditor(editor) &&
    optStr(note) &&
    only(v, 2 + has(paragraph) + has(source) + has(editor) + has(note))
  );
}

// A segment membership, normalised by the schema: {id}, or {id, paragraph, source?}.
function isMembership(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { id, paragraph, source } = v;
  return typeof id === 'string' && optPara(paragraph) && optStr(source) && only(v, 1 + has(paragraph) + has(source));
}

function isIdentity(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { value, paragraph, source, editor } = v;
  return (
    IDENTITY.has(value) &&
    optPara(paragraph) &&
    optStr(source) &&
    optEditor(editor) &&
    only(v, 1 + has(paragraph) + has(source) + has(editor))
  );
}

function isCountry(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { code, paragraph, source } = v;
  return typeof code === 'string' && positive(paragraph) && optStr(source) && only(v, 2 + has(source));
}

function isEditor(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { names, country, identification, wikidata } = v;
  return (
    strings(names) &&
    optStr(country) &&
    optStr(identification) &&
    optStr(wikidata) &&
    only(v, 1 + has(country) + has(identification) + has(wikidata))
  );
}

function isEntity(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { id, type, name, aliases, identity, description, segments, country, relations, editor, sources, note } = v;
  if (
    !(
      typeof id === 'string' &&
      ENTITY_TYPE.has(type) &&
      typeof name === 'string' &&
      strings(aliases) &&
      (identity === undefined || isIdentity(identity)) &&
      optStr(description) &&
      Array.isArray(segments) &&
      (country === undefined || isCountry(country)) &&
      Array.isArray(relations) &&
      (editor === undefined || isEditor(editor)) &&
      strings(sources) &&
      optStr(note) &&
      only(v, 7 + has(identity) + has(description) + has(country) + has(editor) + has(note))
    )
  )
    return false;
  for (const m of segments) if (!isMembership(m)) return false;
  for (const r of relations) if (!isRelation(r)) return false;
  return true;
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

// Who holds which role where. The store keeps these apart (cache.ts), so that listing
// organisations with their people does not parse every claim. Here, not in schema.ts, so that a
// query on a warm cache loads no zod.
export type RoleClaim = Claim & { kind: 'role'; role: string };
export const isRoleClaim = (c: Claim): c is RoleClaim => c.kind === 'role' && c.role !== undefined;
