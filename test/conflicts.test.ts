// `aigc conflicts` on a small KB made for it: which figure pairs are detected as in tension and
// which are not (repeats, figures about nothing, another period, another date, values that can
// both hold, units that do not compare), beside the tensions the KB states.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, json } from './helpers.js';

const fig = (id: string, value: string, extra = '', about = '[acme]', measure = 'users') => `
  - id: ${id}
    kind: figure
    about: ${about}
    text: ${id}.
    value: ${value}
    measure: ${measure}
    measures: users
    source: s
    paragraph: ${id.length}${extra}`;

const KB = `sources:
  - { id: s, kind: article, title: T, publisher: P, published: 2023, language: en, paragraphs: blank-line-blocks }
entities:
  - { id: acme, type: company, name: Acme }
  - { id: beta, type: company, name: Beta }
claims:${[
  // Detected: the same subject, measure, date and unit, different values.
  fig('a1', '{ amount: 100, unit: users }'),
  fig('a2', '{ amount: 500, unit: users }'),
  // A repeat of a1 (with another value): a1 and a2 are still one pair of facts, reported once.
  fig('a3', '{ amount: 200, unit: users }', '\n    repeats: a1'),
  // Not detected: per day is another measure of it.
  fig('a4', '{ amount: 5, unit: users, per: day }'),
  // Not detected: dated, unlike the others.
  fig('a5', '{ amount: 9, unit: users }', '\n    when: { date: 2022 }'),
  // Not detected: about nothing in particular.
  fig('n1', '{ amount: 1, unit: users }', '', '[]'),
  fig('n2', '{ amount: 2, unit: users }', '', '[]'),
  // Values that can both hold: "about 100" and 105; "at least 90" and 100.
  fig('b1', '{ amount: 100, unit: users, approx: true }', '', '[beta]'),
  fig('b2', '{ amount: 105, unit: users }', '', '[beta]'),
  fig('b3', '{ min: 90, unit: users }', '', '[beta]'),
  // Time units compare in days: 1 year and 12 months hold together, 1 year and 2 months do not.
  fig('t1', '{ amount: 1, unit: year }', '\n    when: { date: 2021 }', '[beta]', 'time'),
  fig('t2', '{ amount: 12, unit: month }', '\n    when: { date: 2021 }', '[beta]', 'time'),
  fig('t3', '{ amount: 2, unit: month }', '\n    when: { date: 2021 }', '[beta]', 'time'),
  // Not compared: two currencies.
  fig('m1', '{ amount: 1, unit: USD }', '', '[beta]'),
  fig('m2', '{ amount: 7, unit: CNY }', '', '[beta]'),
  // Stated, and not detected again.
  fig('s1', '{ amount: 1, unit: people }', '\n    contradicts: [s2]\n    note: One says one, one says two.'),
  fig('s2', '{ amount: 2, unit: people }'),
].join('')}
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aigc-conflicts-'));
  writeFileSync(join(dir, 'kb.yaml'), KB);
});

const pairs = (rows: any[]) => rows.map((r) => `${r.basis} ${r.claims.map((c: any) => c.id).join('+')}`).sort();

describe('aigc conflicts', () => {
  it('the KB is valid', async () => {
    const r = await cli(['validate', '--kb', dir]);
    expect(r.stderr).toMatch(/no problems/);
  });

  it('detects only figures whose values cannot both hold, and lists stated tensions once', async () => {
    const rows = json(await cli(['conflicts', '--kb', dir, '--json']));
    expect(pairs(rows)).toEqual(['detected a1+a2', 'detected t1+t3', 'detected t2+t3', 'stated s1+s2']);
    const stated = rows.find((r: any) => r.basis === 'stated');
    expect(stated).toMatchObject({ about: [{ id: 'acme' }], measure: 'users', note: 'One says one, one says two.' });
  });

  it('--basis and --about narrow the list', async () => {
    expect(pairs(json(await cli(['conflicts', '--kb', dir, '--basis', 'stated', '--json'])))).toEqual(['stated s1+s2']);
    expect(pairs(json(await cli(['conflicts', '--kb', dir, '--about', 'beta', '--json'])))).toEqual([
      'detected t1+t3',
      'detected t2+t3',
    ]);
  });

  it('--measure keeps the tensions over one kind of measure', async () => {
    expect(pairs(json(await cli(['conflicts', '--kb', dir, '--measure', 'time', '--json'])))).toEqual([
      'detected t1+t3',
      'detected t2+t3',
    ]);
    expect(pairs(json(await cli(['conflicts', '--kb', dir, '--measure', 'users,time', '--json'])))).toHaveLength(4);
    const bad = await cli(['conflicts', '--kb', dir, '--measure', 'tme']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/^aigc: .*tme.*time/s)]);
  });
});
