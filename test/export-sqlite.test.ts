// aigc export --format sqlite: the database as the native sqlite3 shell reads it (not the
// WebAssembly SQLite that wrote it): every table against the KB's YAML, keys, foreign keys,
// indexes, the types of figures, the full-text index and the views; the real binary; and that
// no other command loads SQLite. The other formats are in export.test.ts, --out in
// export-out.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE_MODEL } from '../src/export/tables.js';
import { shipped, want } from './export-kb.js';
import { bin, cli, json, ROOT } from './helpers.js';
import { describeSqlite3, quote, sqlite3, sqlite3Text } from './sqlite3.js';

const made: string[] = [];
const tmp = () => (made.push(mkdtempSync(join(tmpdir(), 'aigc-export-'))), made[made.length - 1]);
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const exportTo = (out: string) => cli(['export', '--format', 'sqlite', '--out', out]);

describeSqlite3('export --format sqlite, read by the sqlite3 shell', async () => {
  const dir = tmp();
  const file = join(dir, 'kb.db');
  const r = await exportTo(file);
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

  it('holds as many claims as `aigc claims --no-collapse --json` lists, and as many entities as `aigc stats` counts', async () => {
    expect(count('select count(*) from claims')).toBe(json(await cli(['claims', '--no-collapse', '--json'])).length);
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
    expect(fks('claims')).toEqual([
      'by_id->entities.id',
      'org_id->entities.id',
      'source_id->sources.id',
      'to_id->entities.id',
      'via_id->entities.id',
    ]);
    expect(fks('relations')).toEqual(['from_id->entities.id', 'source_id->sources.id', 'to_id->entities.id']);
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
    // An editor's name is searchable too, in any script.
    const alias = shipped.entities.find((e) => e.editor?.names?.includes('小冰'));
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
    `  - { id: ${id}, kind: figure, about: [cafe], text: '${id}', value: ${value}, measure: other, measures: m, source: s1, paragraph: 1 }`;
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
      figure('frac', '{ amount: 0.3, unit: percent }'),
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

describeSqlite3('the real binary, SQLite', () => {
  it('export --format sqlite: sqlite3 counts what `aigc claims --no-collapse --json` lists, and finds ERNIE', () => {
    const file = join(tmp(), 'kb.db');
    const r = bin(['export', '--format', 'sqlite', '--out', file]);
    expect(r.stderr).toMatch(
      new RegExp(`^wrote ${TABLE_MODEL.length} tables \\([\\d,]+ rows\\), a full-text index and \\d+ views to `),
    );
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const n = json(bin(['claims', '--no-collapse', '--json'])).length;
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
    // What SQLite costs: the bundle that holds it, its WebAssembly, the compilation.
    return all.map((s) => s.replace(/.*[/\\]/, '')).filter((s) => /^WebAssembly\.|^sql/.test(s));
  };

  it.each([
    ['--version'],
    ['companies', '--json'],
    ['claims', '--format', 'jsonl'],
    ['export', '--format', 'jsonl', '--out', 'jsonl'],
  ])('%s: no', (...args) => {
    expect(seen(...args)).toEqual([]);
  });

  it('export --format sqlite: yes, its bundle, its WebAssembly read once and compiled', () => {
    expect(seen('export', '--format', 'sqlite', '--out', 'kb.db')).toEqual([
      'sqlite.cjs',
      'sql-wasm.wasm',
      'WebAssembly.instantiate',
    ]);
  });
});
