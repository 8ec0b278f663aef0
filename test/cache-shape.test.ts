// The shape check of what the cache gives back (src/load/shape.ts), held to the schema: the same
// fields, every validated record of the shipped KB and of the fixtures accepted, and any field of
// any of them given a value of another type refused.
import { describe, expect, it } from 'vitest';
import { buildFile } from '../src/load/build.js';
import { findKbFiles } from '../src/load/files.js';
import { Claim, Entity, Source } from '../src/load/schema.js';
import { searchPart } from '../src/load/searchpart.js';
import { isSearchPart, SHAPES } from '../src/load/shape.js';
import { SECTION_NAMES } from '../src/model.js';
import { fixture, ROOT } from './helpers.js';

const files = ['kb', fixture('valid'), fixture('landscape-hostile')].flatMap((d) =>
  findKbFiles(d, ROOT).files.map((f) => buildFile(f)),
);

describe('the shape check of cached records', () => {
  it('knows the fields the schema knows', () => {
    expect(SHAPES.sources.fields.sort()).toEqual(Object.keys(Source.shape).sort());
    expect(SHAPES.entities.fields.sort()).toEqual(Object.keys(Entity.shape).sort());
    expect(SHAPES.claims.fields.sort()).toEqual(Object.keys(Claim.shape).sort());
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
});

// Whether the validated record may lack the field: .optional() in the schema (not a default).
const SCHEMAS = { sources: Source, entities: Entity, claims: Claim };
const optionalIn = (s: keyof typeof SCHEMAS, k: string) =>
  (SCHEMAS[s].shape as Record<string, { def: { type: string } }>)[k].def.type === 'optional';

describe('the shape check of cached search parts', () => {
  const parts = files.map((f) => searchPart(f.records));
  it('accepts every part the loader makes', () => {
    for (const p of parts) expect(isSearchPart(p)).toBe(true);
  });
  it('refuses postings that point outside the part, words without postings, and documents without fields', () => {
    const p = parts.find((x) => x.docs.length > 2)!;
    expect(isSearchPart({ ...p, postings: [[p.docs.length], ...p.postings.slice(1)] })).toBe(false);
    expect(isSearchPart({ ...p, postings: [[-1], ...p.postings.slice(1)] })).toBe(false);
    expect(isSearchPart({ ...p, words: [...p.words, 'extra'] })).toBe(false);
    expect(isSearchPart({ ...p, docs: [{ ...p.docs[0], fields: null }, ...p.docs.slice(1)] })).toBe(false);
    expect(isSearchPart({ ...p, docs: [null, ...p.docs.slice(1)] })).toBe(false);
  });
});
