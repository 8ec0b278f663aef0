// The tables as one SQLite database: primary and foreign keys, indexes on the foreign keys, a
// full-text index over names, aliases, titles and claim texts, and views that name what the
// ids point to, so that sqlite3 or Datasette can query it at once. better-sqlite3 is an
// optional native dependency, required only here.
import { RuntimeFailure } from '../errors.js';
import type { Kb } from '../query/kb.js';
import type { Cell, ColumnType, Table } from './tables.js';

// The part of better-sqlite3's API this file uses (the package ships no types of its own).
interface Statement {
  run(...params: Cell[]): unknown;
}
interface Database {
  exec(sql: string): unknown;
  prepare(sql: string): Statement;
  pragma(source: string): unknown;
  transaction(fn: () => void): () => void;
  close(): void;
}
type Open = new (file: string) => Database;

// What fixes it, tried on a global install and a checkout: `npm rebuild -g aigc` does NOT rebuild
// the dependency's native part (npm rebuilds only the packages named), `npm rebuild -g
// better-sqlite3` finds it inside aigc's folder and does. An optional dependency whose build
// failed is left out by npm, and only an install brings it back.
const REBUILD =
  'rebuild it with `npm rebuild -g better-sqlite3` (a global install of aigc) or `npm rebuild better-sqlite3` (in a checkout or a project that depends on aigc); it builds a native module, which needs a C++ compiler; or export as jsonl or csv';
const INSTALL =
  'install aigc again with its optional dependencies, `npm install -g aigc` (a global install) or `npm install` (in a checkout); it builds a native module, which needs a C++ compiler; or export as jsonl or csv';

// `load` is replaceable so that a test can play a machine without the package.
export function openDatabase(file: string, load: () => unknown = () => require('better-sqlite3')): Database {
  let Db: Open;
  try {
    Db = load() as Open;
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException)?.code === 'MODULE_NOT_FOUND';
    throw new RuntimeFailure(
      `--format sqlite needs the better-sqlite3 package, which ${missing ? `is not installed; ${INSTALL}` : `does not load here (${firstLine(e)}); ${REBUILD}`}`,
    );
  }
  try {
    return new Db(file);
  } catch (e) {
    // The native part is loaded by the first open; a failure there is the package's, not the file's.
    if (String((e as NodeJS.ErrnoException)?.code ?? '').startsWith('SQLITE_')) throw e;
    // better-sqlite3 says a missing folder with a TypeError and no code: the folder of --out went
    // away while the KB loaded, which the caller reports as a file-system refusal.
    if (e instanceof TypeError && /directory does not exist/i.test(e.message))
      throw Object.assign(e, { code: 'ENOENT' });
    throw new RuntimeFailure(
      `--format sqlite needs better-sqlite3, whose native module does not load here (${firstLine(e)}); ${REBUILD}`,
    );
  }
}

const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];

// NUMERIC keeps 125000000 an integer and 0.3 a real: better-sqlite3 binds every JS number
// as a double, which a REAL column would print as 125000000.0.
const SQL_TYPE: Record<ColumnType, string> = {
  text: 'TEXT',
  integer: 'INTEGER',
  number: 'NUMERIC',
  boolean: 'INTEGER',
};

export function schemaSql(tables: Table[]): string {
  const out: string[] = [];
  for (const t of tables) {
    const cols = t.columns.map((c) =>
      [
        `${c.name} ${SQL_TYPE[c.type]}`,
        c.required ? ' NOT NULL' : '',
        c.type === 'boolean' ? ` CHECK (${c.name} IN (0, 1))` : '',
        c.references ? ` REFERENCES ${c.references}(id)` : '',
      ].join(''),
    );
    out.push(`CREATE TABLE ${t.name} (\n  ${[...cols, `PRIMARY KEY (${t.key.join(', ')})`].join(',\n  ')}\n);`);
    // The primary key already indexes its first column.
    for (const c of t.columns)
      if (c.references && t.key[0] !== c.name) out.push(`CREATE INDEX ${t.name}_${c.name} ON ${t.name}(${c.name});`);
  }
  out.push(SEARCH, ...VIEWS);
  return out.join('\n');
}

// One row per name, alias, source title and claim text; `kind` is the entity's type, the
// claim's kind or `source`, `id` the record's id, `field` which of its texts matched.
const SEARCH =
  "CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, id UNINDEXED, field UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2');";

function searchRows(kb: Kb): Cell[][] {
  return [
    ...kb.sources.map((s) => ['source', s.id, 'title', s.title]),
    ...kb.entities.flatMap((e) => [
      [e.type, e.id, 'name', e.name],
      ...e.aliases.map((a) => [e.type, e.id, 'alias', a]),
      ...(e.editor?.names ?? []).map((a) => [e.type, e.id, 'editor.names', a]),
    ]),
    ...kb.claims.map((c) => [c.kind, c.id, 'text', c.text ?? c.role ?? '']),
  ];
}

const VIEWS = [
  `CREATE VIEW entities_view AS
  SELECT e.id, e.type, e.name,
    (SELECT group_concat(a.alias, '; ') FROM aliases a WHERE a.entity_id = e.id) AS aliases,
    (SELECT group_concat(s.name, '; ') FROM entity_segments m JOIN entities s ON s.id = m.segment_id WHERE m.entity_id = e.id) AS segments,
    e.description, e.note
  FROM entities e;`,
  `CREATE VIEW claims_view AS
  SELECT c.id, c.kind, b.name AS by_name,
    (SELECT group_concat(e.name, '; ') FROM claim_about a JOIN entities e ON e.id = a.entity_id WHERE a.claim_id = c.id) AS about,
    c.text, c.value_amount, c.value_min, c.value_max, c.value_unit, c.measures, c.date, c.date_end, c.date_inferred,
    s.title AS source_title, c.paragraph, c.note
  FROM claims c LEFT JOIN entities b ON b.id = c.by_id JOIN sources s ON s.id = c.source_id;`,
  `CREATE VIEW relations_view AS
  SELECT r.id, f.name AS from_name, r.kind, t.name AS to_name, r.role, r.note, r.from_id, r.to_id
  FROM relations r JOIN entities f ON f.id = r.from_id JOIN entities t ON t.id = r.to_id;`,
];
export const VIEW_COUNT = VIEWS.length;

const sqlValue = (v: Cell): Cell => (typeof v === 'boolean' ? Number(v) : v);

// Writes the database at `file` (a fresh path) in one transaction with foreign keys enforced.
export function writeSqlite(file: string, tables: Table[], kb: Kb, load?: () => unknown): void {
  const db = openDatabase(file, load);
  try {
    // The file is temporary until renamed: a journal beside it would be one more file to clean.
    db.pragma('journal_mode = MEMORY');
    db.pragma('foreign_keys = ON');
    db.exec(schemaSql(tables));
    db.transaction(() => {
      for (const t of tables) {
        const insert = db.prepare(`INSERT INTO ${t.name} VALUES (${t.columns.map(() => '?').join(', ')})`);
        for (const r of t.rows) insert.run(...r.map(sqlValue));
      }
      const index = db.prepare('INSERT INTO search (kind, id, field, text) VALUES (?, ?, ?, ?)');
      for (const r of searchRows(kb)) index.run(...r);
    })();
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length) throw new Error(`the export breaks a foreign key: ${JSON.stringify(broken[0])}`);
  } finally {
    db.close();
  }
}
