// aigc export: the knowledge base as tables, in JSON Lines or CSV (a folder with one file per
// table) or in one SQLite database. stdout stays empty; a one-line summary goes to stderr.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSqlite, VIEW_COUNT } from '../export/sqlite.js';
import { buildTables, rowCount, type Table } from '../export/tables.js';
import { checkTarget, writeAtomically } from '../export/target.js';
import { csv, jsonl } from '../export/text.js';
import type { Ctx, Output } from './context.js';

export interface Options {
  format: 'jsonl' | 'csv' | 'sqlite';
  out: string;
  force?: boolean;
}

const TEXT = { jsonl, csv };

export async function run(ctx: Ctx, o: Options): Promise<Output> {
  const { kb } = await ctx.load();
  const tables = buildTables(kb);
  const rows = rowCount(tables).toLocaleString('en');
  if (o.format === 'sqlite') {
    const target = checkTarget(o.out, ctx.io.cwd, 'file', Boolean(o.force), new Set());
    writeAtomically(target, (tmp) => writeSqlite(tmp, tables, kb));
    return { stdout: '', stderr: [`wrote ${tables.length} tables (${rows} rows), a full-text index and ${VIEW_COUNT} views to ${o.out}`] };
  }
  const format = o.format;
  // Both extensions count as an export's own files, so that --force turns a CSV export into JSON Lines.
  const own = new Set(tables.flatMap((t) => [`${t.name}.jsonl`, `${t.name}.csv`]));
  const target = checkTarget(o.out, ctx.io.cwd, 'folder', Boolean(o.force), own);
  writeAtomically(target, (tmp) => writeFolder(tmp, tables, format));
  return { stdout: '', stderr: [`wrote ${tables.length} tables (${rows} rows) to ${join(o.out, `*.${format}`)}`] };
}

function writeFolder(dir: string, tables: Table[], format: keyof typeof TEXT): void {
  mkdirSync(dir);
  for (const t of tables) writeFileSync(join(dir, `${t.name}.${format}`), TEXT[format](t));
}
