// aigc export: the knowledge base as tables, in JSON Lines or CSV (a folder with one file per
// table) or in one SQLite database. stdout stays empty; a one-line summary goes to stderr.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { buildTables, rowCount, TABLE_MODEL, type Table } from '../export/tables.js';
import { exportFolder, sqliteFile } from '../export/target.js';
import { csv, jsonl } from '../export/text.js';
import { checkTarget, leftoverNote, writeAtomically, writeFileAtomically } from '../fs/target.js';
import { type Ctx, defineCommand, type Output } from '../cli/define.js';

const FORMATS = ['jsonl', 'csv', 'sqlite'] as const;

interface Options {
  format: (typeof FORMATS)[number];
  out: string;
  force?: boolean;
  csvRaw?: boolean;
}

const TEXT = { jsonl, csv } as const;

export const command = defineCommand<Options>({
  name: 'export',
  summary: 'export entities, claims, sources and relations as tables: JSON Lines, CSV or SQLite',
  examples: [
    'aigc export --format sqlite --out kb.db && sqlite3 kb.db "select count(*) from claims"',
    'aigc export --format csv --out kb-csv',
    'aigc export --format jsonl --out kb-jsonl',
  ],
  flags: [
    { name: 'format', arg: 'format', type: { choice: FORMATS }, required: true, help: FORMATS.join('|') },
    {
      name: 'out',
      arg: 'path',
      type: 'file',
      required: true,
      help: 'the SQLite file, or the folder for JSON Lines and CSV (one file per table)',
    },
    { name: 'force', help: 'replace what is at --out' },
    {
      name: 'csv-raw',
      help: 'csv only: write each cell as the KB has it; by default a text that begins with = + - @ (a formula to a spreadsheet) gets a quote mark before it',
    },
  ],
  run: (ctx, _args, o) => exportKb(ctx, o),
});

async function exportKb(ctx: Ctx, o: Options): Promise<Output> {
  // An export is a folder of files or a database, which no pipe can hold; the listing commands
  // print JSON Lines on stdout.
  if (o.out === '-') {
    throw new UsageError(
      `export writes ${o.format === 'sqlite' ? 'a database file' : 'a folder of files'}, not stdout: give --out a path (./- for a file named -), or print JSON Lines with a listing command such as \`aigc claims --format jsonl\``,
    );
  }
  if (o.csvRaw && o.format !== 'csv') throw new UsageError(`--csv-raw applies to --format csv only, not ${o.format}`);
  // Checked before the KB is read: a refusal need not wait for a load. Both extensions count as
  // an export's own files, so that --force turns a CSV export into JSON Lines.
  const own = new Set(TABLE_MODEL.flatMap((t) => [`${t.name}.jsonl`, `${t.name}.csv`]));
  const target = checkTarget(
    o.out,
    ctx.io.cwd,
    Boolean(o.force),
    o.format === 'sqlite' ? sqliteFile : exportFolder(own),
  );
  const { kb } = await ctx.load();
  const tables = buildTables(kb);
  const rows = rowCount(tables).toLocaleString('en');
  if (o.format === 'sqlite') {
    // SQLite is loaded for this one format only. The database is built in memory, then written
    // whole: a failure leaves no file behind.
    const { sqliteBytes, VIEW_COUNT } = await import('../export/sqlite.js');
    const left = writeFileAtomically(target, await sqliteBytes(tables, kb));
    return {
      stdout: '',
      stderr: [
        `wrote ${tables.length} tables (${rows} rows), a full-text index and ${VIEW_COUNT} views to ${o.out}`,
        ...leftoverNote(left),
      ],
    };
  }
  const format = o.format;
  const left = writeAtomically(target, (tmp) => writeFolder(tmp, tables, format, Boolean(o.csvRaw)));
  return {
    stdout: '',
    stderr: [`wrote ${tables.length} tables (${rows} rows) to ${join(o.out, `*.${format}`)}`, ...leftoverNote(left)],
  };
}

function writeFolder(dir: string, tables: Table[], format: keyof typeof TEXT, raw: boolean): void {
  mkdirSync(dir);
  for (const t of tables) writeFileSync(join(dir, `${t.name}.${format}`), TEXT[format](t, { raw }));
}
