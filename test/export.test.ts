// aigc export: every table of every format against the KB's YAML read directly, CSV parsed
// back, SQLite's keys, views and full-text index, and the real binary. --out and --force are
// in export-out.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE_MODEL } from '../src/export/tables.js';
import { bin, cli, json, ROOT } from './helpers.js';

// better-sqlite3 is an optional native dependency: where it is not built, only the SQLite tests
// need it. They are skipped there, and fail saying why under CI, which must build it.
function loadSqlite(): { Database?: any; why?: string } {
  try {
    const Db = createRequire(import.meta.url)('better-sqlite3');
    new Db(':memory:').close(); // the native part loads with the first database
    return { Database: Db };
  } catch (e) {
    return { why: String((e as Error)?.message ?? e).split('\n')[0] };
  }
}
const sqlite = loadSqlite();

function describeSqlite(name: string, body: (Database: any) => unknown): void {
  if (sqlite.Database) describe(name, async () => void (await body(sqlite.Database)));
  else if (!process.env.CI)
    describe.skip(name, () => it(`needs better-sqlite3, which does not load here: ${sqlite.why}`, () => {}));
  else {
    describe(name, () => {
      it('needs better-sqlite3, which CI must build', () => {
        expect.fail(`better-sqlite3 does not load (${sqlite.why}); run \`npm rebuild better-sqlite3\``);
      });
    });
  }
}
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
    // The source's spellings and the names the editor supplied.
    aliases: sum(kb.entities, (e) => e.aliases) + sum(kb.entities, (e) => e.editor?.names),
    entity_segments: sum(kb.entities, (e) => e.segments?.map((s: any) => (typeof s === 'string' ? s : s.id))),
    entity_sources: sum(kb.entities, (e) => e.sources),
    // The stored relations, and a works_at for each role a person has at an organisation.
    relations:
      kb.entities.reduce((n, e) => n + (e.relations?.length ?? 0), 0) +
      new Set(
        kb.claims
          .filter((c) => c.kind === 'role' && c.org && !c.repeats)
          .map((c) => `${c.about[0]} ${c.org} ${c.role}`),
      ).size,
    claims: kb.claims.length,
    claim_about: sum(kb.claims, (c) => c.about),
    claim_contradicts: sum(kb.claims, (c) => c.contradicts),
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

describeSqlite('export --format sqlite', async (Database) => {
  const dir = tmp();
  const file = join(dir, 'kb.db');
  const r = await exportTo('sqlite', file);
  const db = new Database(file, { readonly: true });
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

  it('writes the file, nothing on stdout and a summary on stderr', () => {
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const rows = Object.values(want).reduce((a, b) => a + b, 0);
    const views = count("select count(*) as n from sqlite_master where type = 'view'");
    expect(r.stderr).toBe(
      `wrote ${TABLE_MODEL.length} tables (${rows.toLocaleString('en')} rows), a full-text index and ${views} views to ${file}\n`,
    );
    expect(readdirSync(dir)).toEqual(['kb.db']); // no temporary file or journal left
  });

  it.each(Object.keys(want))('table %s holds every row of the YAML', (table) => {
    expect(count(`select count(*) as n from ${table}`)).toBe(want[table]);
  });

  it('holds as many claims as `aigc claims --no-collapse --json` lists, and as many entities as `aigc stats` counts', async () => {
    expect(count('select count(*) as n from claims')).toBe(
      json(await cli(['claims', '--no-collapse', '--json'])).length,
    );
    const all = json(await cli(['stats', '--json'])).find((s: any) => s.source === 'all');
    const entities = all.orgs + all.people + all.products + all.segments;
    expect(count('select count(*) as n from entities')).toBe(entities);
  });

  it('has foreign keys, all of them kept, and indexes on them', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const fks = (t: string) =>
      (db.pragma(`foreign_key_list(${t})`) as any[]).map((f) => `${f.from}->${f.table}.${f.to}`).sort();
    expect(fks('claims')).toEqual([
      'by_id->entities.id',
      'org_id->entities.id',
      'source_id->sources.id',
      'to_id->entities.id',
      'via_id->entities.id',
    ]);
    expect(fks('relations')).toEqual(['from_id->entities.id', 'source_id->sources.id', 'to_id->entities.id']);
    expect(fks('claim_about')).toEqual(['claim_id->claims.id', 'entity_id->entities.id']);
    const plan = db.prepare("explain query plan select * from claim_about where entity_id = 'openai'").all() as any[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX/);
  });

  it('keeps values and their types: a figure, a date, a flag', () => {
    const f = shipped.claims.find((c) => c.value?.amount !== undefined && c.when);
    const row = db.prepare('select *, typeof(value_amount) as t from claims where id = ?').get(f.id) as any;
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

  it('finds ChatGPT through the full-text index, by name and in claim texts', () => {
    const chatgpt = shipped.entities.find((e) => e.name === 'ChatGPT');
    const hits = db
      .prepare("select kind, id, field from search where search match 'chatgpt' order by rank")
      .all() as any[];
    expect(hits[0]).toEqual({ kind: chatgpt.type, id: chatgpt.id, field: 'name' });
    const texts = shipped.claims
      .filter((c) => /\bchatgpt\b/i.test(c.text))
      .map((c) => c.id)
      .sort();
    expect(
      hits
        .filter((h) => h.field === 'text')
        .map((h) => h.id)
        .sort(),
    ).toEqual(texts);
    // An alias is searchable too, in any script.
    const alias = shipped.entities.find((e) => e.editor?.names?.includes('小冰'));
    expect(db.prepare("select id from search where search match '小冰'").all()).toEqual([{ id: alias.id }]);
  });

  it('has views that name what the ids point to', () => {
    expect(count('select count(*) as n from claims_view')).toBe(want.claims);
    const q = shipped.claims.find((c) => c.by && c.about?.length);
    const by = shipped.entities.find((e) => e.id === q.by);
    const v = db.prepare('select * from claims_view where id = ?').get(q.id) as any;
    expect(v.by_name).toBe(by.name);
    expect(v.source_title).toBe(shipped.sources.find((s) => s.id === q.source).title);
    expect(count('select count(*) as n from relations_view')).toBe(want.relations);
    expect(count('select count(*) as n from entities_view')).toBe(want.entities);
  });

  it('the sqlite3 shell counts the claims `aigc claims --no-collapse --json` lists', async () => {
    const n = json(await cli(['claims', '--no-collapse', '--json'])).length;
    if (existsSync('/usr/bin/sqlite3')) {
      const s = spawnSync('/usr/bin/sqlite3', [file, 'select count(*) from claims'], { encoding: 'utf8' });
      expect(s.stdout.trim()).toBe(String(n));
      const fts = spawnSync(
        '/usr/bin/sqlite3',
        [file, "select id from search where search match 'chatgpt' and field = 'name'"],
        { encoding: 'utf8' },
      );
      expect(fts.stdout.trim()).toBe(shipped.entities.find((e) => e.name === 'ChatGPT').id);
    } else expect(count('select count(*) as n from claims')).toBe(n);
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

describeSqlite('the real binary, SQLite', (Database) => {
  it('export --format sqlite, then sqlite3 counts what `aigc claims --no-collapse --json` lists', () => {
    const file = join(tmp(), 'kb.db');
    const r = bin(['export', '--format', 'sqlite', '--out', file]);
    expect(r.stderr).toMatch(
      new RegExp(`^wrote ${TABLE_MODEL.length} tables \\([\\d,]+ rows\\), a full-text index and \\d+ views to `),
    );
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const n = json(bin(['claims', '--no-collapse', '--json'])).length;
    const db = new Database(file, { readonly: true });
    expect(db.prepare('select count(*) as n from claims').get()).toEqual({ n });
    db.close();
  });
});
