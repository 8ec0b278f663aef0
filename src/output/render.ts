// Building the output of a list command as one string. Printing is the caller's job.
import { UsageError } from '../errors.js';
import { didYouMean, shown } from '../kb/suggest.js';
import { cell, pick } from './cell.js';

export const FORMATS = ['table', 'tsv', 'json', 'jsonl'] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputOptions {
  format?: Format;
  json?: boolean;
  fields?: string;
  limit?: number;
}

export interface RenderContext {
  tty: boolean; // stdout is a terminal
  color: boolean;
  width: number;
}

export interface Listing {
  rows: object[];
  columns: string[]; // the default columns for table and TSV
  wide?: string[]; // columns that may wrap in a table (long text)
}

export function formatOf(o: OutputOptions, ctx: RenderContext): Format {
  if (o.json) return o.format && o.format !== 'json' ? conflict(o.format) : 'json';
  return o.format ?? (ctx.tty ? 'table' : 'tsv');
}

function conflict(f: string): never {
  throw new UsageError(`--json and --format ${f} disagree; give one`);
}

export function fieldsOf(o: OutputOptions, l: Listing): string[] | undefined {
  if (!o.fields) return undefined;
  const fields = o.fields.split(',').map((f) => f.trim()).filter(Boolean);
  if (!fields.length) throw new UsageError('--fields needs at least one field name');
  const known = new Set(l.columns);
  for (const r of l.rows.slice(0, 50)) for (const k of Object.keys(r)) known.add(k);
  for (const f of fields) {
    const top = f.split('.')[0];
    if (!known.has(top)) throw new UsageError(`unknown field "${shown(f)}"${didYouMean(top, known)}; fields: ${[...known].join(', ')}`);
  }
  return fields;
}

export async function render(l: Listing, o: OutputOptions, ctx: RenderContext): Promise<string> {
  const format = formatOf(o, ctx);
  const fields = fieldsOf(o, l);
  const rows = o.limit !== undefined ? l.rows.slice(0, o.limit) : l.rows;
  if (format === 'json' || format === 'jsonl') {
    const out = fields ? rows.map((r) => Object.fromEntries(fields.map((f) => [f, pick(r, f) ?? null]))) : rows;
    return format === 'json' ? JSON.stringify(out, null, 2) + '\n' : out.map((r) => JSON.stringify(r) + '\n').join('');
  }
  const cols = fields ?? l.columns;
  const cells = rows.map((r) => cols.map((c) => cell(pick(r, c), format === 'table')));
  if (format === 'tsv') return [cols, ...cells].map((line) => line.join('\t') + '\n').join('');
  if (!rows.length) return '';
  const { table } = await import('./table.js');
  return table(cols, cells, l.wide ?? [], ctx);
}
