import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../src/query/search.js';
import { searchPart } from '../src/load/searchpart.js';
import { cli, json } from './helpers.js';
import { yamlClaims, yamlEntities } from './kb-yaml.js';

const entity = (id: string, name: string, aliases: string[] = []) => ({
  id,
  type: 'company' as const,
  name,
  aliases,
  segments: [],
  relations: [],
  sources: [],
});
const claim = (id: string, text: string) => ({
  id,
  kind: 'statement' as const,
  modality: 'happened' as const,
  about: [],
  by: null,
  via: null,
  to: null,
  contradicts: [],
  text,
  source: 's',
  paragraph: 1,
});

// Two files, as the cache keeps them: the index must join them.
const index = new SearchIndex([
  searchPart({
    sources: [],
    claims: [claim('c-1', 'Kaomia Network raised money')],
    entities: [entity('zeta', 'Kaomia Network'), entity('beta', 'Alpha Studio', ['字节跳动'])],
  }),
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

  it('compares text as names compare: case, width and accents aside', () => {
    expect(ids('ＫＡＯＭＩＡ　ＮＥＴＷＯＲＫ', ['company'])).toEqual(['alpha', 'zeta']);
  });

  it('names the field that holds the query word', () => {
    const idx = new SearchIndex([
      searchPart({
        sources: [],
        claims: [],
        entities: [{ ...entity('rivet', 'Rivet'), description: 'the rival of every chatbot' }],
      }),
    ]);
    expect(idx.search('rival')[0]).toMatchObject({
      id: 'rivet',
      field: 'description',
      match: 'the rival of every chatbot',
    });
  });

  it('filters by type before capping the candidates, keeping exact matches first', () => {
    const many = Array.from({ length: 2500 }, (_, i) =>
      claim(`a-${String(i).padStart(4, '0')}`, `Intelligence report ${i}`),
    );
    const companies = Array.from({ length: 30 }, (_, i) => entity(`z-${i}`, `Zed${i} Intelligence`));
    const idx = new SearchIndex([searchPart({ sources: [], claims: many, entities: companies })]);
    expect(idx.search('intelligence', ['company'])).toHaveLength(30);
    const exact = new SearchIndex([
      searchPart({
        sources: [],
        claims: many.map((c) => ({ ...c, text: `Intelligences ${c.id}` })),
        entities: [entity('zz-last', 'Intelligence')],
      }),
    ]);
    expect(exact.search('intelligence').map((h) => h.id)).toContain('zz-last');
  });

  it('nothing matches nothing', () => {
    expect(ids('zzzzqqq')).toEqual([]);
  });
});

describe('search ranks what matters (shipped KB)', () => {
  const hits = async (q: string) => json<any[]>(await cli(['search', q, '--json']));

  it('a near-phrase finds the statement that holds it: "invested in the field of AIGC" ranks the paragraph-23 statement first', async () => {
    const want = yamlClaims.find((c) => c.paragraph === 23 && /invested in AIGC/.test(c.text));
    expect(want).toBeDefined();
    const [first] = await hits('invested in the field of AIGC');
    expect(first.id).toBe(want.id);
    expect(first.field).toBe('text');
    expect(first.match.slice(first.span[0], first.span[1])).toMatch(/^invested in AIGC$/i);
  });

  it('reports the field that really matched, and its span: "large model" is an alias', async () => {
    const owner = yamlEntities.find((e) => (e.aliases ?? []).includes('large model'));
    const [first] = await hits('large model');
    expect(first).toMatchObject({ id: owner.id, field: 'aliases', match: 'large model', span: [0, 11] });
  });

  it('a misspelt name ranks the person above the segments: "li dy" is Li Di', async () => {
    const li = yamlEntities.find((e) => e.name === 'Li Di');
    expect((await hits('li dy'))[0].id).toBe(li.id);
  });

  it('an exact phrase in a claim text ranks above a loose hit in a description', async () => {
    const found = await hits('digital people');
    const firstText = found.findIndex((h) => h.field === 'text' && /digital people/i.test(h.match));
    const firstDescription = found.findIndex((h) => h.field === 'description' && !/digital people/i.test(h.match));
    expect(firstText).toBeGreaterThanOrEqual(0);
    if (firstDescription >= 0) expect(firstText).toBeLessThan(firstDescription);
  });

  it('notes are searched', async () => {
    const noted = yamlEntities.find(
      (e) => e.note && /Houchang Village/.test(e.note) === false && /pseudonym/.test(e.note),
    );
    expect(noted).toBeDefined();
    const found = await hits('pseudonym');
    expect(found.some((h) => h.id === noted.id)).toBe(true);
  });

  it('ties are broken the same way on every run', async () => {
    expect(await hits('model')).toEqual(await hits('model'));
  });
});
