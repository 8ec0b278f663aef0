// aigc export --format jsonl and csv: every table against the KB's YAML read directly, CSV
// parsed back, and the real binary. SQLite is in export-sqlite.test.ts, --out and --force in
// export-out.test.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE_MODEL } from '../src/export/tables.js';
import { shipped, want } from './export-kb.js';
import { bin, cli } from './helpers.js';

const made: string[] = [];
const tmp = () => (made.push(mkdtempSync(join(tmpdir(), 'aigc-export-'))), made[made.length - 1]);
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

// RFC 4180, strictly: a bare CR or LF outside quotes, or a quote inside an unquoted field, fails.
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (s[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (ch === '"') {
      if (field !== '' || wasQuoted) throw new Error(`stray quote at ${i}`);
      quoted = wasQuoted = true;
    } else if (ch === ',') row.push(field), (field = ''), (wasQuoted = false);
    else if (ch === '\r' && s[i + 1] === '\n')
      row.push(field), rows.push(row), (row = []), (field = ''), (wasQuoted = false), i++;
    else if (ch === '\r' || ch === '\n') throw new Error(`bare line break at ${i}`);
    else if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
    else field += ch;
  }
  if (quoted || field !== '' || row.length) throw new Error('the last record does not end with CRLF');
  return rows;
}

const readJsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

async function exportTo(format: string, out: string, ...more: string[]) {
  return cli([...more, 'export', '--format', format, '--out', out]);
}

describe('export --format jsonl and csv', async () => {
  const dir = tmp();
  const runs = { jsonl: await exportTo('jsonl', join(dir, 'jsonl')), csv: await exportTo('csv', join(dir, 'csv')) };
  const files = (f: string) => readdirSync(join(dir, f)).sort();

  it.each(['jsonl', 'csv'] as const)('%s: one file per table, a summary on stderr', (f) => {
    expect(runs[f]).toMatchObject({ code: 0, stdout: '' });
    expect(runs[f].stderr).toMatch(
      new RegExp(`^wrote ${TABLE_MODEL.length} tables \\([\\d,]+ rows\\) to .*\\*\\.${f}\\n$`),
    );
    expect(files(f)).toEqual(
      Object.keys(want)
        .map((t) => `${t}.${f}`)
        .sort(),
    );
    expect(readdirSync(dir).sort()).toEqual(['csv', 'jsonl']); // no temporary folder left
  });

  it.each(Object.keys(want))('table %s: every row, in both formats', (t) => {
    expect(readJsonl(join(dir, 'jsonl', `${t}.jsonl`))).toHaveLength(want[t]);
    const rows = parseCsv(readFileSync(join(dir, 'csv', `${t}.csv`), 'utf8'));
    expect(rows.length - 1).toBe(want[t]);
    // CSV holds what JSON Lines holds: the same columns, each value written as text.
    const objects = readJsonl(join(dir, 'jsonl', `${t}.jsonl`));
    expect(rows[0]).toEqual(Object.keys(objects[0]));
    expect(rows.slice(1)).toEqual(objects.map((o) => Object.values(o).map((v) => (v === null ? '' : String(v)))));
  });

  it('a claim in JSON Lines is the YAML claim, flattened', () => {
    const claims = readJsonl(join(dir, 'jsonl', 'claims.jsonl'));
    expect(claims.map((c) => c.id)).toEqual(shipped.claims.map((c) => c.id));
    const r = shipped.claims.find((c) => c.value?.min !== undefined);
    expect(claims.find((c) => c.id === r.id)).toMatchObject({
      kind: r.kind,
      by_id: r.by ?? null,
      text: r.text,
      value_amount: null,
      value_min: r.value.min,
      value_max: r.value.max,
      source_id: r.source,
      paragraph: r.paragraph,
    });
  });
});

describe('the sources table', () => {
  it("a source in JSON Lines is the YAML source: its column, writer, update, translation and text's fingerprint", async () => {
    const dir = join(tmp(), 'jsonl');
    expect((await exportTo('jsonl', dir)).code).toBe(0);
    const rows = readJsonl(join(dir, 'sources.jsonl'));
    expect(rows.map((r) => r.id)).toEqual(shipped.sources.map((s) => s.id));
    for (const s of shipped.sources)
      expect(rows.find((r) => r.id === s.id)).toMatchObject({
        column: s.column ?? null,
        author_id: s.author ?? null,
        updated: s.updated === undefined ? null : String(s.updated),
        machine_translated: s.machine_translated ?? false,
        text_sha256: s.text?.sha256 ?? null,
        text_paragraphs: s.text?.paragraphs ?? null,
      });
    expect(rows.some((r) => r.text_sha256 && r.author_id && r.machine_translated)).toBe(true);
  });
});

describe('CSV quoting', () => {
  // A KB whose texts hold every character CSV must quote.
  const kbDir = tmp();
  const text = 'He said "yes, and no",\nthen left; 小冰, café.';
  writeFileSync(
    join(kbDir, 'kb.yaml'),
    `sources:
  - { id: s1, kind: article, title: 'Title, with "quotes"', publisher: P, published: 2023, language: en, paragraphs: blank-line-blocks }
entities:
  - { id: a-b, type: company, name: 'A, "B"', aliases: [${JSON.stringify('line one\r\nline two')}] }
claims:
  - id: c1
    kind: statement
    about: [a-b]
    text: ${JSON.stringify(text)}
    source: s1
    paragraph: 3
`,
  );

  it('quotes commas, quotes and line breaks, and reads back exactly', async () => {
    const out = join(tmp(), 'csv');
    const r = await exportTo('csv', out, '--kb', kbDir);
    expect(r.code).toBe(0);
    const claims = parseCsv(readFileSync(join(out, 'claims.csv'), 'utf8'));
    expect(claims[1][claims[0].indexOf('text')]).toBe(text);
    expect(parseCsv(readFileSync(join(out, 'entities.csv'), 'utf8'))[1].slice(0, 3)).toEqual([
      'a-b',
      'company',
      'A, "B"',
    ]);
    expect(parseCsv(readFileSync(join(out, 'aliases.csv'), 'utf8'))[1]).toEqual([
      'a-b',
      'line one\r\nline two',
      'source',
    ]);
    expect(parseCsv(readFileSync(join(out, 'sources.csv'), 'utf8'))[1].slice(0, 3)).toEqual([
      's1',
      'article',
      'Title, with "quotes"',
    ]);
    // UTF-8 without a byte-order mark.
    expect(readFileSync(join(out, 'claims.csv'))[0]).toBe('i'.charCodeAt(0));
  });
});

describe('the table model', () => {
  it('names the tables the YAML fills, with no rows of its own', () => {
    expect(TABLE_MODEL.map((t) => t.name).sort()).toEqual(Object.keys(want).sort());
    expect(TABLE_MODEL.every((t) => t.rows.length === 0)).toBe(true);
  });
});

describe('the real binary', () => {
  it('export --format jsonl writes a file per table of the model', () => {
    const out = join(tmp(), 'jsonl');
    const r = bin(['export', '--format', 'jsonl', '--out', out]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(readdirSync(out).sort()).toEqual(TABLE_MODEL.map((t) => `${t.name}.jsonl`).sort());
  });
});
