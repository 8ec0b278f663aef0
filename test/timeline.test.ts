// aigc timeline: every dated claim once, in date order, each date's precision and inferred
// mark as the YAML has them.
import { describe, expect, it } from 'vitest';
import { bin, cli, json } from './helpers.js';
import { yamlClaims } from './kb-yaml.js';

const dated = yamlClaims.filter((c) => c.when);
const dateOf = (c: any) => String(c.when.date);
const endOf = (c: any) => (c.when.end === undefined ? null : String(c.when.end));
const PRECISION = ['year', 'month', 'day'];
// Worked out here from the calendar, not by the tool's own helper.
const first = (d: string) => [d.slice(0, 4), d.slice(5, 7) || '01', d.slice(8, 10) || '01'].join('-');
function last(d: string): string {
  const [y, m, day] = d.split('-').map(Number);
  if (day) return d;
  const month = m ?? 12;
  const days = new Date(Date.UTC(y, month, 0)).getUTCDate();
  return `${y}-${String(month).padStart(2, '0')}-${days}`;
}

describe('timeline', () => {
  it('--json lists every dated claim of the KB once, and only those', async () => {
    const r = await cli(['timeline', '--json']);
    expect(r.code).toBe(0);
    const ids = json(r).map((x: any) => x.id);
    expect(dated.length).toBeGreaterThan(20);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(dated.map((c) => c.id).sort());
    // Not only events: the figures with a date are in it too.
    expect(new Set(json(r).map((x: any) => x.kind))).toEqual(new Set(dated.map((c) => c.kind)));
  });

  it('is sorted by the first day each date covers, a coarser date first on the same day, then id', async () => {
    const rows = json(await cli(['timeline', '--json']));
    const key = (x: any) => [first(x.date), PRECISION.indexOf(x.precision)] as const;
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [key(rows[i - 1]), key(rows[i])];
      expect(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]), `${rows[i - 1].id} before ${rows[i].id}`).toBe(true);
    }
    // 2022 comes before the days of 2022 it covers.
    const at = (pred: (x: any) => boolean) => rows.findIndex(pred);
    expect(at((x: any) => x.date === '2022')).toBeLessThan(at((x: any) => x.date.startsWith('2022-')));
  });

  it('gives each row the date, end, precision, inferred mark and basis of its YAML', async () => {
    const byId = new Map(json(await cli(['timeline', '--json'])).map((x: any) => [x.id, x]));
    for (const c of dated) {
      const row: any = byId.get(c.id);
      expect(row).toMatchObject({
        kind: c.kind,
        date: dateOf(c),
        end: endOf(c),
        precision: PRECISION[dateOf(c).split('-').length - 1],
        inferred: c.when.inferred === true,
        basis: c.when.basis ?? null,
        text: c.text,
        paragraph: c.paragraph,
      });
      expect(row.source.id).toBe(c.source);
      expect(row.about.map((a: any) => a.id)).toEqual(c.about ?? []);
      expect(row.by?.id ?? null).toBe(c.by ?? null);
    }
    // The KB has dates of all three precisions and both marks, so the checks above bite.
    expect(new Set([...byId.values()].map((x: any) => x.precision))).toEqual(new Set(PRECISION));
    expect(new Set([...byId.values()].map((x: any) => x.inferred))).toEqual(new Set([true, false]));
  });

  it('--about keeps the dated claims about that entity', async () => {
    const r = await cli(['timeline', '--about', 'Jasper', '--json']);
    const want = dated
      .filter((c) => c.about?.includes('jasper'))
      .map((c) => c.id)
      .sort();
    expect(want.length).toBeGreaterThan(1);
    expect(
      json(r)
        .map((x: any) => x.id)
        .sort(),
    ).toEqual(want);
  });

  it.each([
    ['2022-10-15', '2022-10'],
    ['2022', '2022'],
    ['2023-02', undefined],
    [undefined, '2021'],
  ])('--since %s --until %s keeps the dates whose span overlaps, as claims does', async (since, until) => {
    const args = [...(since ? ['--since', since] : []), ...(until ? ['--until', until] : [])];
    const lo = since ? first(since) : '0000';
    const hi = until ? last(until) : '9999';
    const want = dated.filter((c) => first(dateOf(c)) <= hi && last(endOf(c) ?? dateOf(c)) >= lo).map((c) => c.id);
    const got = json(await cli(['timeline', ...args, '--json'])).map((x: any) => x.id);
    expect(got.length).toBeGreaterThan(0);
    expect([...got].sort()).toEqual([...want].sort());
    const claims = json(await cli(['claims', ...args, '--json'])).map((x: any) => x.id);
    expect([...got].sort()).toEqual([...claims].sort());
  });

  it('a coarse date overlapping the bounds is kept: 2022 is within --since 2022-10-15 --until 2022-10', async () => {
    const rows = json(await cli(['timeline', '--since', '2022-10-15', '--until', '2022-10', '--json']));
    expect(rows.some((x: any) => x.date === '2022' && x.end === null)).toBe(true);
    expect(rows.some((x: any) => x.date === '2022-10-19')).toBe(true);
    expect(rows.some((x: any) => x.date === '2023')).toBe(false);
  });

  it('the when column shows each date as written, with its end, qualifier, and marks for an inferred date and a forecast or plan', async () => {
    const r = await cli(['timeline']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('when\tkind\ttext\tabout');
    const rows = json(await cli(['timeline', '--json']));
    lines.slice(1).forEach((line, i) => {
      const c = dated.find((d) => d.id === rows[i].id)!;
      const span = `${dateOf(c)}${endOf(c) ? `–${endOf(c)}` : ''}`;
      const q = c.when.qualifier;
      const said = q === 'end' ? `end of ${span}` : q ? `${q} ${span}` : span;
      const marks = [c.when.inferred && 'inferred', ['forecast', 'plan'].includes(c.modality) && c.modality].filter(
        Boolean,
      );
      expect(line.split('\t')[0]).toBe(marks.length ? `${said} (${marks.join(', ')})` : said);
    });
  });

  it('--fields can name the when column, whole or by part', async () => {
    const rows = json(await cli(['timeline', '--fields', 'id,when', '--json']));
    const ends = json(await cli(['timeline', '--fields', 'id,when.end', '--json']));
    for (const [i, row] of rows.entries()) {
      const c = dated.find((d) => d.id === row.id)!;
      expect(row.when).toEqual({
        date: dateOf(c),
        end: endOf(c),
        qualifier: c.when.qualifier ?? null,
        inferred: c.when.inferred === true,
        modality: c.modality ?? 'happened',
      });
      expect(ends[i]).toEqual({ id: c.id, when: { end: endOf(c) } });
    }
  });

  it('on a terminal, a table whose dates keep their precision', async () => {
    const r = await cli(['timeline'], { tty: true, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    for (const precision of [1, 2, 3]) {
      const c = dated.find(
        (d) => dateOf(d).split('-').length === precision && !d.when.end && !d.when.qualifier && !d.modality,
      )!;
      const mark = c.when.inferred ? ' \\(inferred\\)' : '';
      expect(r.stdout).toMatch(new RegExp(`^${dateOf(c)}${mark} +│`, 'm'));
    }
  });

  it('an empty result is a success', async () => {
    const r = await cli(['timeline', '--since', '2999', '--json']);
    expect(r).toMatchObject({ code: 0, stdout: '[]\n' });
  });

  it('a bad date or an unknown subject is a usage error', async () => {
    expect((await cli(['timeline', '--since', '2022-13'])).code).toBe(2);
    const r = await cli(['timeline', '--about', 'jaspre']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/jasper/i);
  });

  it('the real binary prints the same timeline', async () => {
    const r = bin(['timeline', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(json(await cli(['timeline', '--json'])));
  });
});
