// The shape check of what the cache gives back (src/load/shape.ts), held to the schema: the same
// fields, every validated record of the shipped KB and of the fixtures accepted, and any field of
// any of them given a value of another type refused.
import { describe, expect, it } from 'vitest';
import { buildFile } from '../src/load/build.js';
import { findKbFiles } from '../src/load/files.js';
import {
  Claim,
  Country,
  Editor,
  Entity,
  IdentityBasis,
  Relation,
  Source,
  TextFingerprint,
  Value,
  When,
} from '../src/load/schema.js';
import { searchPart } from '../src/load/searchpart.js';
import { FIELDS, isSearchPart, SHAPES } from '../src/load/shape.js';
import { SECTION_NAMES } from '../src/model.js';
import { fixture, ROOT } from './helpers.js';

const files = ['kb', fixture('valid'), fixture('landscape-hostile'), fixture('texts')].flatMap((d) =>
  findKbFiles(d, ROOT).files.map((f) => buildFile(f)),
);

describe('the shape check of cached records', () => {
  it('knows the fields the schema knows', () => {
    expect([...FIELDS.sources].sort()).toEqual(Object.keys(Source.shape).sort());
    expect([...FIELDS.entities].sort()).toEqual(Object.keys(Entity.shape).sort());
    expect([...FIELDS.claims].sort()).toEqual(Object.keys(Claim.shape).sort());
  });

  it('accepts every record the validator keeps', () => {
    let n = 0;
    for (const f of files)
      for (const s of SECTION_NAMES)
        for (const r of f.records[s]) {
          expect(SHAPES[s](r), `${s} ${JSON.stringify(r)}`).toBe(true);
          n++;
        }
    expect(n).toBeGreaterThan(250);
  });

  it('refuses each record with any one field of another type, missing where required, or an unknown field', () => {
    const other = (v: unknown) => (typeof v === 'number' ? 'seven' : 7);
    for (const f of files)
      for (const s of SECTION_NAMES)
        for (const r of f.records[s] as unknown as Record<string, unknown>[]) {
          for (const k of Object.keys(r)) {
            expect(SHAPES[s]({ ...r, [k]: other(r[k]) }), `${s}.${k} changed`).toBe(false);
            // A field the validator always fills (required, or with a default) may not be missing.
            const without = { ...r };
            delete without[k];
            if (!optionalIn(s, k)) expect(SHAPES[s](without), `${s}.${k} missing`).toBe(false);
          }
          expect(SHAPES[s]({ ...r, extra: 'x' })).toBe(false);
        }
  });

  it('does the same for the records inside a record: relations, a value, a date, a fingerprint', () => {
    const other = (v: unknown) => (typeof v === 'number' ? 'seven' : 7);
    const seen = new Set<string>();
    for (const f of files)
      for (const s of SECTION_NAMES)
        for (const r of f.records[s] as unknown as Record<string, unknown>[])
          for (const { what, inner, shape, put } of nested(s, r)) {
            seen.add(what);
            expect(SHAPES[s](put(inner)), `${s} ${what} as it is`).toBe(true);
            for (const k of Object.keys(inner)) {
              expect(SHAPES[s](put({ ...inner, [k]: other(inner[k]) })), `${s} ${what}.${k} changed`).toBe(false);
              const without = { ...inner };
              delete without[k];
              if (shape[k].def.type !== 'optional')
                expect(SHAPES[s](put(without)), `${s} ${what}.${k} missing`).toBe(false);
            }
            expect(SHAPES[s](put({ ...inner, extra: 'x' })), `${s} ${what} with an unknown field`).toBe(false);
            expect(SHAPES[s](put(null)), `${s} ${what} null`).toBe(false);
          }
    expect([...seen].sort()).toEqual(['country', 'editor', 'identity', 'relation', 'text', 'value', 'when']);
  });
});

// Whether the validated record may lack the field: .optional() in the schema (not a default).
type Shape = Record<string, { def: { type: string } }>;
const SCHEMAS = { sources: Source, entities: Entity, claims: Claim };
const optionalIn = (s: keyof typeof SCHEMAS, k: string) => (SCHEMAS[s].shape as Shape)[k].def.type === 'optional';

// The records inside a record (a value's `amount` and range are both optional in the schema; the
// check refuses a value with neither, as the schema's refinement does), each with the schema it was validated by and a way to put a
// changed one in its place.
function nested(s: keyof typeof SCHEMAS, r: Record<string, unknown>) {
  const out: { what: string; inner: Record<string, unknown>; shape: Shape; put: (v: unknown) => unknown }[] = [];
  if (s === 'sources' && r.text)
    out.push({
      what: 'text',
      inner: r.text as Record<string, unknown>,
      shape: TextFingerprint.shape as Shape,
      put: (v) => ({ ...r, text: v }),
    });
  if (s === 'entities')
    (r.relations as Record<string, unknown>[]).forEach((inner, i) => {
      const relations = r.relations as unknown[];
      out.push({
        what: 'relation',
        inner,
        shape: Relation.shape as Shape,
        put: (v) => ({ ...r, relations: relations.map((x, j) => (i === j ? v : x)) }),
      });
    });
  if (s === 'claims' && r.value) {
    out.push({
      what: 'value',
      inner: r.value as Record<string, unknown>,
      shape: Value.shape as Shape,
      put: (v) => ({ ...r, value: v }),
    });
  }
  for (const [what, shape] of [
    ['identity', IdentityBasis.shape],
    ['country', Country.shape],
    ['editor', Editor.shape],
  ] as const)
    if (s === 'entities' && r[what])
      out.push({
        what,
        inner: r[what] as Record<string, unknown>,
        shape: shape as Shape,
        put: (v) => ({ ...r, [what]: v }),
      });
  if (s === 'claims' && r.when)
    out.push({
      what: 'when',
      inner: r.when as Record<string, unknown>,
      shape: When.shape as Shape,
      put: (v) => ({ ...r, when: v }),
    });
  return out;
}

describe('the shape check of cached search parts', () => {
  const parts = files.map((f) => searchPart(f.records));
  it('accepts every part the loader makes', () => {
    for (const p of parts) expect(isSearchPart(p)).toBe(true);
  });
  it('refuses postings that point outside the part, words without postings, documents without fields or of no known type', () => {
    const p = parts.find((x) => x.docs.length > 2)!;
    expect(isSearchPart({ ...p, postings: [[p.docs.length], ...p.postings.slice(1)] })).toBe(false);
    expect(isSearchPart({ ...p, postings: [[-1], ...p.postings.slice(1)] })).toBe(false);
    expect(isSearchPart({ ...p, words: [...p.words, 'extra'] })).toBe(false);
    expect(isSearchPart({ ...p, docs: [{ ...p.docs[0], fields: null }, ...p.docs.slice(1)] })).toBe(false);
    expect(isSearchPart({ ...p, docs: [null, ...p.docs.slice(1)] })).toBe(false);
    expect(isSearchPart({ ...p, docs: [{ ...p.docs[0], type: 'nonsense' }, ...p.docs.slice(1)] })).toBe(false);
  });
});
