import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../src/kb/search.js';
import { searchPart } from '../src/kb/searchpart.js';

const entity = (id: string, name: string, aliases: string[] = []) => ({ id, type: 'company' as const, name, aliases, segments: [], relations: [], sources: [] });
const claim = (id: string, text: string) => ({ id, kind: 'statement' as const, about: [], by: null, text, source: 's', paragraph: 1 });

// Two files, as the cache keeps them: the index must join them.
const index = new SearchIndex([
  searchPart({ sources: [], claims: [claim('c-1', 'Kaomia Network raised money')], entities: [entity('zeta', 'Kaomia Network'), entity('beta', 'Alpha Studio', ['字节跳动'])] }),
  searchPart({ sources: [], claims: [], entities: [entity('alpha', 'Kaomia Network'), entity('gamma', 'Kaomi Labs')] }),
]);
const ids = (q: string, types?: string[]) => index.search(q, types).map((h) => h.id);

describe('search', () => {
  it('finds by a word prefix, in every file, ties broken by id', () => {
    expect(ids('kaomia net', ['company'])).toEqual(['alpha', 'zeta']);
  });

  it('every query word narrows the candidates', () => {
    expect(ids('kaomia raised')).toEqual(['c-1']);
  });

  it('a misspelt word finds its near spellings', () => {
    expect(ids('kaomla network', ['company'])).toEqual(['alpha', 'zeta']);
  });

  it('Chinese words match by characters', () => {
    expect(ids('字节')).toEqual(['beta']);
  });

  it('is the same on every run and reports the field that matched', () => {
    const a = index.search('kaomi');
    expect(index.search('kaomi')).toEqual(a);
    expect(a.find((h) => h.id === 'c-1')?.field).toBe('text');
    expect(a.find((h) => h.id === 'gamma')?.field).toBe('name');
  });

  it('nothing matches nothing', () => {
    expect(ids('zzzzqqq')).toEqual([]);
  });
});
