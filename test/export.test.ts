// aigc export: every table of every format against the KB's YAML read directly, CSV parsed
// back, SQLite's keys, types, views and full-text index as the native sqlite3 shell reads them,
// and the real binary. --out and --force are in export-out.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE_MODEL } from '../src/export/tables.js';
import { bin, cli, json, ROOT } from './helpers.js';
import { describeSqlite3, quote, sqlite3, sqlite3Text } from './sqlite3.js';

const made: string[] = [];
const tmp = () => (made.push(mkdtempSync(join(tmpdir(), 'aigc-export-'))), made[made.length - 1]);
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

// A KB folder read with the yaml package alone: the independent answer.
function readKb(dir: string) {
  const all = { sources: [] as any[], entities: [] as any[], claims: [] as any[] };
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) {
        const doc = parse(readFileSync(p, 'utf8')) ?? {};
        for (const k of ['sources', 'entities', 'claims'] as const) all[k].push(...(doc[k] ?? []));
      }
    }
  };
  walk(dir);
  return all;
}

// How many rows each table must hold; a list meant as a set counts each member once.
function expectedCounts(kb: ReturnType<typeof readKb>): Record<string, number> {
  const sum = (xs: any[], f: (x: any) => any[] | undefined) => xs.reduce((n, x) => n + new Set(f(x) ?? []).size, 0);
  return {
    sources: kb.sources.length,
    entities: kb.entities.length,
    aliases: sum(kb.entities, (e) => e.aliases),
    entity_segments: sum(kb.entities, (e) => e.segments),
    entity_sources: sum(kb.entities, (e) => e.sources),
    relations: kb.entities.reduce((n, e) => n + (e.relations?.length ?? 0), 0),
    claims: kb.claims.length,
    claim_about: sum(kb.claims, (c) => c.about),
  };
}

const shipped = readKb(join(ROOT, 'kb'));
const want = expectedCounts(shipped);

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

describeSqlite3('export --format sqlite, read by the sqlite3 shell', async () => {
  const dir = tmp();
  const file = join(dir, 'kb.db');
  const r = await exportTo('sqlite', file);
  const q = (sql: string) => sqlite3(file, sql);
  const count = (sql: string) => Object.values(q(sql)[0])[0] as number;

  it('writes the file, nothing on stdout and a summary on stderr', () => {
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const rows = Object.values(want).reduce((a, b) => a + b, 0);
    const views = count("select count(*) from sqlite_master where type = 'view'");
    expect(r.stderr).toBe(
      `wrote ${TABLE_MODEL.length} tables (${rows.toLocaleString('en')} rows), a full-text index and ${views} views to ${file}\n`,
    );
    expect(readdirSync(dir)).toEqual(['kb.db']); // no temporary file or journal left
  });

  it.each(Object.keys(want))('table %s holds every row of the YAML', (table) => {
    expect(count(`select count(*) from ${table}`)).toBe(want[table]);
  });

  it('holds as many claims as `aigc claims --json` lists, and as many entities as `aigc stats` counts', async () => {
    expect(count('select count(*) from claims')).toBe(json(await cli(['claims', '--json'])).length);
    const all = json(await cli(['stats', '--json'])).find((s: any) => s.source === 'all');
    const entities = all.orgs + all.people + all.products + all.segments;
    expect(count('select count(*) from entities')).toBe(entities);
  });

  it.each(TABLE_MODEL.map((t) => [t.name, t.key]))('table %s has the primary key %j', (table, key) => {
    const pk = q(`select name from pragma_table_info('${table}') where pk > 0 order by pk`);
    expect(pk.map((c) => c.name)).toEqual(key);
  });

  it('has foreign keys, all of them kept, and indexes on them', () => {
    expect(q('PRAGMA foreign_key_check')).toEqual([]);
    const fks = (t: string) =>
      q(`select "from", "table", "to" from pragma_foreign_key_list('${t}')`)
        .map((f) => `${f.from}->${f.table}.${f.to}`)
        .sort();
    expect(fks('claims')).toEqual(['by_id->entities.id', 'source_id->sources.id']);
    expect(fks('relations')).toEqual(['from_id->entities.id', 'to_id->entities.id']);
    expect(fks('claim_about')).toEqual(['claim_id->claims.id', 'entity_id->entities.id']);
    // Every reference that is not the first column of its table's key has an index of its own.
    const indexed = q("select tbl_name, sql from sqlite_master where type = 'index' and sql is not null").map(
      (i) => `${i.tbl_name}(${/\((\w+)\)/.exec(i.sql)?.[1]})`,
    );
    const refs = TABLE_MODEL.flatMap((t) =>
      t.columns.filter((c) => c.references && c.name !== t.key[0]).map((c) => `${t.name}(${c.name})`),
    );
    expect(indexed.sort()).toEqual(refs.sort());
    // The shell prints a plan as a tree, whatever the mode.
    const plan = sqlite3Text(file, "explain query plan select * from claim_about where entity_id = 'openai'");
    expect(plan).toMatch(/USING (COVERING )?INDEX claim_about_entity_id/);
  });

  it('keeps values and their types: a figure, a date, a flag', () => {
    const f = shipped.claims.find((c) => c.value?.amount !== undefined && c.when);
    const [row] = q(`select *, typeof(value_amount) as t from claims where id = ${quote(f.id)}`);
    expect(row).toMatchObject({
      kind: 'figure',
      value_amount: f.value.amount,
      value_unit: f.value.unit ?? null,
      date: String(f.when.date),
      date_inferred: f.when.inferred ? 1 : 0,
      source_id: f.source,
      paragraph: f.paragraph,
    });
    expect(row.t).toBe(Number.isInteger(f.value.amount) ? 'integer' : 'real');
  });

  it('stores every figure of the YAML as a number: whole ones as integers', () => {
    const figures = shipped.claims.filter((c) => c.value);
    expect(figures.length).toBeGreaterThan(0);
    const rows = q(
      "select id, value_amount, typeof(value_amount) a, value_min, typeof(value_min) mi, value_max, typeof(value_max) ma from claims where kind = 'figure'",
    );
    const type = (v: unknown) => (v === undefined ? 'null' : Number.isInteger(v) ? 'integer' : 'real');
    const byId = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(rows.map((r) => [r.id, r.a, r.mi, r.ma, r.value_amount, r.value_min, r.value_max]).sort(byId)).toEqual(
      figures
        .map((c) => [
          c.id,
          type(c.value.amount),
          type(c.value.min),
          type(c.value.max),
          c.value.amount ?? null,
          c.value.min ?? null,
          c.value.max ?? null,
        ])
        .sort(byId),
    );
  });

  it('finds ERNIE Bot through the full-text index: the product by name, and the claims that say it', () => {
    const ernie = shipped.entities.find((e) => e.name === 'ERNIE Bot');
    const hits = q("select kind, id, field from search where search match 'ERNIE'");
    expect(hits.filter((h) => h.field !== 'text')).toEqual([{ kind: ernie.type, id: ernie.id, field: 'name' }]);
    const texts = shipped.claims
      .filter((c) => /\bernie\b/i.test(c.text))
      .map((c) => c.id)
      .sort();
    expect(texts.length).toBeGreaterThan(0);
    expect(
      hits
        .filter((h) => h.field === 'text')
        .map((h) => h.id)
        .sort(),
    ).toEqual(texts);
  });

  it('finds ChatGPT by name, and an alias in any script', () => {
    const chatgpt = shipped.entities.find((e) => e.name === 'ChatGPT');
    expect(q("select id from search where search match 'chatgpt' and field = 'name'")).toEqual([{ id: chatgpt.id }]);
    const alias = shipped.entities.find((e) => e.aliases?.includes('小冰'));
    expect(q("select id from search where search match '小冰'")).toEqual([{ id: alias.id }]);
  });

  it('indexes the texts only, not the kind, id and field beside them', () => {
    expect(count("select count(*) from search where kind = 'company'")).toBeGreaterThan(0);
    const hits = q("select text from search where search match 'company'");
    expect(hits.every((h) => /\bcompany\b/i.test(h.text))).toBe(true);
  });

  it('is a full-text table that Datasette offers a search box for', () => {
    // Datasette's own test (detect_fts in datasette/utils): an FTS virtual table under the
    // table's own name.
    expect(
      q(
        "select name from sqlite_master where rootpage = 0 and tbl_name = 'search' and sql like '%VIRTUAL TABLE%USING FTS%'",
      ),
    ).toEqual([{ name: 'search' }]);
  });

  it('has views that name what the ids point to', () => {
    expect(count('select count(*) from claims_view')).toBe(want.claims);
    const c = shipped.claims.find((x) => x.by && x.about?.length);
    const by = shipped.entities.find((e) => e.id === c.by);
    const [v] = q(`select * from claims_view where id = ${quote(c.id)}`);
    expect(v.by_name).toBe(by.name);
    expect(v.source_title).toBe(shipped.sources.find((s) => s.id === c.source).title);
    expect(count('select count(*) from relations_view')).toBe(want.relations);
    expect(count('select count(*) from entities_view')).toBe(want.entities);
  });
});

describeSqlite3('export --format sqlite of a small KB: numbers and accents', async () => {
  // Figures around the limits: a whole number past 32 bits (which sql.js binds as a double) and
  // fractions; a name with accents.
  const kbDir = tmp();
  const figure = (id: string, value: string) =>
    `  - { id: ${id}, kind: figure, about: [cafe], text: '${id}', value: ${value}, measures: m, source: s1, paragraph: 1 }`;
  writeFileSync(
    join(kbDir, 'kb.yaml'),
    [
      'sources:',
      '  - { id: s1, kind: article, title: T, publisher: P, published: 2023, language: en, paragraphs: blank-line-blocks }',
      'entities:',
      "  - { id: cafe, type: company, name: 'Café Ünïcode', aliases: ['Crème'] }",
      'claims:',
      figure('int', '{ amount: 125000000, unit: USD }'),
      figure('big', '{ amount: 125000000000, unit: USD }'),
      figure('frac', '{ amount: 0.3, unit: share }'),
      figure('range', '{ min: 2, max: 2.5, unit: USD }'),
      '',
    ].join('\n'),
  );
  const file = join(tmp(), 'kb.db');
  const r = await cli(['--kb', kbDir, 'export', '--format', 'sqlite', '--out', file]);

  it('keeps whole numbers integers, within and past 32 bits, and fractions reals', () => {
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const rows = sqlite3(
      file,
      'select id, value_amount a, typeof(value_amount) ta, value_min mi, typeof(value_min) tmi, value_max ma, typeof(value_max) tma from claims order by id',
    );
    expect(rows).toEqual([
      { id: 'big', a: 125000000000, ta: 'integer', mi: null, tmi: 'null', ma: null, tma: 'null' },
      { id: 'frac', a: 0.3, ta: 'real', mi: null, tmi: 'null', ma: null, tma: 'null' },
      { id: 'int', a: 125000000, ta: 'integer', mi: null, tmi: 'null', ma: null, tma: 'null' },
      { id: 'range', a: null, ta: 'null', mi: 2, tmi: 'integer', ma: 2.5, tma: 'real' },
    ]);
    // As the shell prints them: no 125000000.0.
    const shell = sqlite3Text(file, "select value_amount from claims where id in ('int', 'big')");
    expect(shell.split('\n').filter(Boolean).sort()).toEqual(['125000000', '125000000000']);
  });

  it('finds a name and an alias without their accents', () => {
    expect(sqlite3(file, "select field from search where search match 'cafe unicode'")).toEqual([{ field: 'name' }]);
    expect(sqlite3(file, "select field from search where search match 'creme'")).toEqual([{ field: 'alias' }]);
  });
});

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
    expect(parseCsv(readFileSync(join(out, 'aliases.csv'), 'utf8'))[1]).toEqual(['a-b', 'line one\r\nline two']);
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

describeSqlite3('the real binary, SQLite', () => {
  it('export --format sqlite: sqlite3 counts what `aigc claims --json` lists, and finds ERNIE', () => {
    const file = join(tmp(), 'kb.db');
    const r = bin(['export', '--format', 'sqlite', '--out', file]);
    expect(r.stderr).toMatch(
      new RegExp(`^wrote ${TABLE_MODEL.length} tables \\([\\d,]+ rows\\), a full-text index and \\d+ views to `),
    );
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const n = json(bin(['claims', '--json'])).length;
    expect(sqlite3(file, 'select count(*) as n from claims')).toEqual([{ n }]);
    const ernie = shipped.entities.find((e) => e.name === 'ERNIE Bot');
    expect(sqlite3(file, "select id from search where search match 'ERNIE' and field = 'name'")).toEqual([
      { id: ernie.id },
    ]);
    expect(sqlite3(file, 'PRAGMA foreign_key_check')).toEqual([]);
  });
});

describe('only export --format sqlite loads SQLite', () => {
  // A preload that notes every file the process reads and every WebAssembly module it compiles.
  const dir = tmp();
  const hook = join(dir, 'hook.cjs');
  writeFileSync(
    hook,
    `const fs = require('node:fs');
const seen = [];
const read = fs.readFileSync;
fs.readFileSync = function (p, ...rest) { seen.push(String(p)); return read.call(this, p, ...rest); };
for (const k of ['compile', 'instantiate']) {
  const f = WebAssembly[k];
  WebAssembly[k] = function (...a) { seen.push('WebAssembly.' + k); return f.apply(this, a); };
}
process.on('exit', () => fs.writeFileSync(process.env.SEEN, JSON.stringify(seen)));
`,
  );
  const seen = (...args: string[]) => {
    const log = join(dir, `seen-${made.length}.json`);
    const r = spawnSync(process.execPath, ['--require', hook, join(ROOT, 'bin', 'aigc.js'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, XDG_CACHE_HOME: tmp(), SEEN: log },
    });
    expect(r.status, r.stderr).toBe(0);
    const all: string[] = JSON.parse(readFileSync(log, 'utf8'));
    return all.filter((s) => s.startsWith('WebAssembly.') || /sql-wasm|[/\\]export\.cjs$/.test(s));
  };

  it.each([['--version'], ['companies', '--json'], ['claims', '--format', 'jsonl']])('%s: no', (...args) => {
    expect(seen(...args)).toEqual([]);
  });

  it('export --format jsonl: the export bundle, but no SQLite', () => {
    expect(seen('export', '--format', 'jsonl', '--out', 'jsonl').map((s) => s.replace(/.*[/\\]/, ''))).toEqual([
      'export.cjs',
    ]);
  });

  it('export --format sqlite: yes, its WebAssembly read once and compiled', () => {
    const names = seen('export', '--format', 'sqlite', '--out', 'kb.db').map((s) => s.replace(/.*[/\\]/, ''));
    expect(names).toEqual(['export.cjs', 'sql-wasm.wasm', 'WebAssembly.instantiate']);
  });
});
