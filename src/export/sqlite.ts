// The tables as one SQLite database: primary and foreign keys, indexes on the foreign keys, a
// full-text index over names, aliases, titles and claim texts, and views that name what the
// ids point to, so that sqlite3 or Datasette can query it at once. It is built in memory by
// sql.js, SQLite compiled to WebAssembly (nothing to compile at install, the same engine on
// every machine), and returned as the bytes of the file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { RuntimeFailure } from '../errors.js';
import type { Kb } from '../query/kb.js';
import type { Cell, ColumnType, Table } from './tables.js';

// The part of sql.js's API this file uses (the package ships no types of its own).
interface Statement {
  run(params: Cell[]): void;
  free(): void;
}
interface Database {
  run(sql: string): void;
  exec(sql: string): { columns: string[]; values: Cell[][] }[];
  prepare(sql: string): Statement;
  export(): Uint8Array;
  close(): void;
}
interface Engine {
  Database: new () => Database;
}
// Emscripten's hook: given it, sql.js neither reads nor compiles its WebAssembly itself, whose
// failures it prints to stderr and throws where no caller can catch them.
type Init = (module: { instantiateWasm(imports: object, done: (instance: object) => void): object }) => Promise<Engine>;
// Node's global, which this project's TypeScript libraries (no DOM) do not describe.
declare const WebAssembly: { instantiate(code: Uint8Array, imports: object): Promise<{ instance: object }> };

const WASM = 'sql-wasm.wasm';

// The build copies the engine's WebAssembly beside the bundle that holds this file; the sources,
// which the tests run, take it from node_modules.
const engineFile = () =>
  __filename.endsWith('.ts') ? createRequire(__filename).resolve(`sql.js/dist/${WASM}`) : join(__dirname, WASM);

// Required here, not imported: only `export --format sqlite` pays for loading the engine.
export async function openDatabase(file = engineFile()): Promise<Database> {
  const failed = (what: string, e: unknown) =>
    new RuntimeFailure(
      `--format sqlite cannot ${what} its SQLite engine, ${file} (${(e as NodeJS.ErrnoException)?.code ?? String((e as Error)?.message ?? e).split('\n')[0]}): install aigc again, or export as jsonl or csv`,
    );
  let wasm: Buffer;
  try {
    wasm = readFileSync(file);
  } catch (e) {
    throw failed('read', e);
  }
  const init = require('sql.js') as Init;
  const { Database } = await new Promise<Engine>((resolve, reject) => {
    const instantiateWasm: Parameters<Init>[0]['instantiateWasm'] = (imports, done) => {
      WebAssembly.instantiate(wasm, imports).then(
        (r) => done(r.instance),
        (e) => reject(failed('load', e)),
      );
      return {};
    };
    init({ instantiateWasm }).then(resolve, reject);
  });
  return new Database();
}

// NUMERIC keeps 125000000 an integer and 0.3 a real: sql.js binds a number outside 32 bits as
// a double, which a REAL column would print as 125000000000.0, and NUMERIC stores a double
// that is a whole number as an integer.
const SQL_TYPE: Record<ColumnType, string> = {
  text: 'TEXT',
  integer: 'INTEGER',
  number: 'NUMERIC',
  boolean: 'INTEGER',
};

function tablesSql(tables: Table[]): string {
  return tables
    .map((t) => {
      const cols = t.columns.map((c) =>
        [
          `${c.name} ${SQL_TYPE[c.type]}`,
          c.required ? ' NOT NULL' : '',
          c.type === 'boolean' ? ` CHECK (${c.name} IN (0, 1))` : '',
          c.references ? ` REFERENCES ${c.references}(id)` : '',
        ].join(''),
      );
      return `CREATE TABLE ${t.name} (\n  ${[...cols, `PRIMARY KEY (${t.key.join(', ')})`].join(',\n  ')}\n);`;
    })
    .join('\n');
}

// An index on each foreign key but where the primary key already indexes it as its first column.
function indexesSql(tables: Table[]): string {
  return tables
    .flatMap((t) =>
      t.columns
        .filter((c) => c.references && t.key[0] !== c.name)
        .map((c) => `CREATE INDEX ${t.name}_${c.name} ON ${t.name}(${c.name});`),
    )
    .join('\n');
}

// One row per name, alias, source title and claim text; `kind` is the entity's type, the
// claim's kind or `source`, `id` the record's id, `field` which of its texts matched.
// FTS4, as sql.js's SQLite has no FTS5; every sqlite3 since 3.27 and Datasette read it, and
// Datasette offers the table's own search box. Only `text` is indexed: a search for "company"
// must not match every company's `kind`.
const SEARCH =
  'CREATE VIRTUAL TABLE search USING fts4(kind, id, field, text, notindexed=kind, notindexed=id, notindexed=field, tokenize=unicode61 "remove_diacritics=2");';

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

// The database's bytes. The indexes are made once the rows are in, which sorts each once rather
// than growing it row by row, and the foreign keys are checked once at the end rather than at
// every row: together a fifth less CPU time on a 100,000-record KB (8.8 s against 10.9 s).
export async function sqliteBytes(tables: Table[], kb: Kb): Promise<Uint8Array> {
  const db = await openDatabase();
  try {
    db.run('BEGIN');
    db.exec(tablesSql(tables));
    for (const t of tables)
      insertAll(db, `INSERT INTO ${t.name} VALUES (${t.columns.map(() => '?').join(', ')})`, t.rows);
    db.exec(indexesSql(tables));
    db.exec(SEARCH);
    insertAll(db, 'INSERT INTO search (kind, id, field, text) VALUES (?, ?, ?, ?)', searchRows(kb));
    db.exec(VIEWS.join('\n'));
    db.run('COMMIT');
    const broken = db.exec('PRAGMA foreign_key_check');
    if (broken.length) {
      const [table, row, parent] = broken[0].values[0];
      throw new Error(`the export breaks a foreign key: row ${row} of ${table} points to no row of ${parent}`);
    }
    return db.export();
  } finally {
    db.close();
  }
}

function insertAll(db: Database, sql: string, rows: Cell[][]): void {
  const insert = db.prepare(sql);
  try {
    for (const r of rows) insert.run(r.map(sqlValue));
  } finally {
    insert.free();
  }
}
