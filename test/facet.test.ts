// --facet on list commands: counts per value over the whole result, list-valued fields
// counting each element, beside the rows in JSON and under the table.
import { describe, expect, it } from 'vitest';
import { bin, cli, json } from './helpers.js';
import { yamlClaims, yamlEntities } from './kb-yaml.js';

const NONE = { value: null, name: '(none)' };
const ORG = ['company', 'investor', 'organisation'];

// Counts made here by hand, as a plain tally of values, to set against the tool's.
function tally(values: (string | null)[][]): Map<string | null, number> {
  const m = new Map<string | null, number>();
  for (const vs of values) for (const v of new Set(vs.length ? vs : [null])) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}
const asMap = (facet: any[]) => new Map(facet.map((f) => [f.value, f.count]));

describe('--facet', () => {
  it("companies --facet segment counts what segments lists as each segment's organisations", async () => {
    const facet = json(await cli(['companies', '--facet', 'segment', '--json'])).facets.segment;
    const segments = json(await cli(['segments', '--json']));
    const orgs = segments.filter((s: any) => s.organisations.length);
    expect(orgs.length).toBeGreaterThan(3);
    for (const s of orgs)
      expect(facet.find((f: any) => f.value === s.id)).toEqual({
        value: s.id,
        name: s.name,
        count: s.organisations.length,
      });
    // No segment appears that has no organisation; the rest are the organisations in none.
    expect(facet.filter((f: any) => f.value !== null).length).toBe(orgs.length);
  });

  it('companies and products faceted by segment add up to the members segments prints', async () => {
    const companies = asMap(json(await cli(['companies', '--facet', 'segment', '--json'])).facets.segment);
    const products = asMap(json(await cli(['products', '--facet', 'segment', '--json'])).facets.segment);
    for (const s of json(await cli(['segments', '--json']))) {
      expect((companies.get(s.id) ?? 0) + (products.get(s.id) ?? 0), s.id).toBe(s.members);
    }
  });

  // `claims` folds a repeat into the claim it repeats: one row per claim that repeats nothing.
  const told = yamlClaims.filter((c) => !c.repeats);

  it('a list-valued field counts each element, and a row once per value', async () => {
    const facet = json(await cli(['claims', '--facet', 'about', '--json'])).facets.about;
    const want = tally(told.map((c) => c.about ?? []));
    expect(asMap(facet)).toEqual(want);
    // A claim about several entities counts under each, so the counts add up to more than the rows.
    expect(facet.reduce((n: number, f: any) => n + f.count, 0)).toBeGreaterThan(told.length);
  });

  it.each([
    ['unit', (c: any) => (c.value?.unit ? [c.value.unit] : [])],
    ['year', (c: any) => (c.when ? [String(c.when.date).slice(0, 4)] : [])],
    ['speaker', (c: any) => (c.by ? [c.by] : [])],
    ['kind', (c: any) => [c.kind]],
  ])('claims --facet %s agrees with the YAML, no value counted as (none)', async (name, values) => {
    const facet = json(await cli(['claims', '--facet', name, '--json'])).facets[name];
    expect(asMap(facet)).toEqual(tally(told.map(values)));
    expect(facet.reduce((n: number, f: any) => n + f.count, 0)).toBe(told.length);
    // Shown apart, every claim counts.
    const apart = json(await cli(['claims', '--no-collapse', '--facet', name, '--json'])).facets[name];
    expect(asMap(apart)).toEqual(tally(yamlClaims.map(values)));
  });

  it('companies --facet type agrees with the rows it counts', async () => {
    const r = json(await cli(['companies', '--facet', 'type', '--json']));
    expect(asMap(r.facets.type)).toEqual(tally(yamlEntities.filter((e) => ORG.includes(e.type)).map((e) => [e.type])));
    expect(asMap(r.facets.type)).toEqual(tally(r.rows.map((e: any) => [e.type])));
  });

  it('sorts by count, most first, ties by value, with (none) last', async () => {
    const facet = json(await cli(['claims', '--facet', 'unit', '--json'])).facets.unit;
    expect(facet.at(-1)).toMatchObject(NONE);
    const rest = facet.slice(0, -1);
    for (let i = 1; i < rest.length; i++) {
      const [a, b] = [rest[i - 1], rest[i]];
      expect(a.count > b.count || (a.count === b.count && a.value < b.value), `${a.value} before ${b.value}`).toBe(
        true,
      );
    }
  });

  it('counts the whole result, before --limit; --fields shapes the rows only', async () => {
    const all = json(await cli(['timeline', '--facet', 'year', '--json']));
    const one = json(await cli(['timeline', '--facet', 'year', '--limit', '1', '--fields', 'id,date', '--json']));
    expect(one.rows).toEqual([{ id: all.rows[0].id, date: all.rows[0].date }]);
    expect(one.facets).toEqual(all.facets);
    expect(asMap(all.facets.year)).toEqual(
      tally(yamlClaims.filter((c) => c.when).map((c) => [String(c.when.date).slice(0, 4)])),
    );
  });

  it('several facets at once, each once, in the order asked', async () => {
    const r = json(
      await cli(['timeline', '--facet', 'precision', '--facet', 'kind', '--facet', 'precision', '--json']),
    );
    expect(Object.keys(r.facets)).toEqual(['precision', 'kind']);
  });

  it('plain --json stays an array; the {rows, facets} object only with --facet', async () => {
    const plain = json(await cli(['companies', '--json']));
    expect(Array.isArray(plain)).toBe(true);
    const faceted = json(await cli(['companies', '--facet', 'type', '--json']));
    expect(Object.keys(faceted)).toEqual(['rows', 'facets']);
    expect(faceted.rows).toEqual(plain);
  });

  it('under the table on a terminal, a small table per facet', async () => {
    const r = await cli(['companies', '--facet', 'segment', '--fields', 'id'], { tty: true, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^segment +│ count$/m);
    for (const s of json(await cli(['segments', '--json'])).filter((s: any) => s.organisations.length)) {
      expect(r.stdout).toMatch(new RegExp(`^${s.name} +│ +${s.organisations.length}$`, 'm'));
    }
    expect(r.stdout.indexOf('\nsegment ')).toBeGreaterThan(r.stdout.indexOf('id'));
  });

  it('TSV keeps one row per line; the counts go to stderr', async () => {
    const r = await cli(['companies', '--facet', 'segment']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await cli(['companies'])).stdout);
    expect(r.stderr.split('\n')[0]).toMatch(/^segment\s+count$/);
  });

  it('an unknown facet is a usage error that names the ones there are', async () => {
    const r = await cli(['companies', '--facet', 'segmnt']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown facet "segmnt".*did you mean `segment`.*segment, type/);
  });

  it('the real binary prints the same facets', async () => {
    const r = bin(['companies', '--facet', 'segment', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(json(await cli(['companies', '--facet', 'segment', '--json'])));
  });
});

describe('--facet where a command has facets', () => {
  it.each(['segments', 'stats'])('%s, already counts, has no --facet', async (cmd) => {
    expect((await cli([cmd, '--help'])).stdout).not.toContain('--facet');
    const r = await cli([cmd, '--facet', 'type']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--facet'/);
  });
});
