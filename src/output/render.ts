// Building the output of a list command as one string. Printing is the caller's job.
import { UsageError } from '../errors.js';
import { didYouMean, shown } from '../text/suggest.js';
import { cell, type Expand, pick } from './cell.js';
import { countFacets, type Facets } from './facet.js';

export const FORMATS = ['table', 'tsv', 'json', 'jsonl'] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputOptions {
  format?: Format;
  json?: boolean;
  fields?: string;
  limit?: number;
  facet?: string[]; // facets to count over the whole result (table and JSON only)
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
  below?: string[]; // columns that a table shows under each row, across it (a paragraph)
  // Columns worked out from a row for reading (a date with its end and inferred mark),
  // not part of the JSON record unless --fields names them.
  // biome-ignore lint/suspicious/noExplicitAny: a listing's rows are of its command's own type
  computed?: Record<string, (row: any) => unknown>;
  expand?: Expand; // references made whole for --fields that reach through them
  facets?: Facets; // the facets this listing offers, by name
}

// Facets fit only where there is room for a second table: under the table, or beside the
// rows in JSON. TSV and JSON Lines stay one record per line for cut, sort and jq.
export const FACET_FORMATS: readonly Format[] = ['table', 'json'];

export function formatOf(o: OutputOptions, ctx: RenderContext): Format {
  if (o.json) return o.format && o.format !== 'json' ? conflict(o.format) : 'json';
  return o.format ?? (ctx.tty ? 'table' : 'tsv');
}

function conflict(f: string): never {
  throw new UsageError(`--json and --format ${f} disagree; give one`);
}

export function fieldsOf(o: OutputOptions, l: Listing): string[] | undefined {
  if (!o.fields) return undefined;
  const fields = o.fields
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (!fields.length) throw new UsageError('--fields needs at least one field name');
  const known = new Set([...l.columns, ...Object.keys(l.computed ?? {})]);
  for (const r of l.rows.slice(0, 50)) for (const k of Object.keys(r)) known.add(k);
  for (const f of fields) {
    const top = f.split('.')[0];
    if (!known.has(top))
      throw new UsageError(`unknown field "${shown(f)}"${didYouMean(top, known)}; fields: ${[...known].join(', ')}`);
  }
  return fields;
}

export async function render(l: Listing, o: OutputOptions, ctx: RenderContext): Promise<string> {
  const format = formatOf(o, ctx);
  const fields = fieldsOf(o, l);
  const facets = o.facet?.length ? countFacets(l.rows, o.facet, l.facets) : undefined;
  const rows = o.limit !== undefined ? l.rows.slice(0, o.limit) : l.rows;
  const get = (r: object, f: string) => {
    const [top, ...rest] = f.split('.');
    if (!l.computed || !Object.hasOwn(l.computed, top)) return pick(r, f, l.expand);
    const v = l.computed[top](r);
    return rest.length ? pick(v as object, rest.join('.'), l.expand) : v;
  };
  if (format === 'json' || format === 'jsonl') {
    const out = fields ? rows.map((r) => Object.fromEntries(fields.map((f) => [f, get(r, f) ?? null]))) : rows;
    // Only with --facet does the array become {rows, facets}: plain --json stays an array.
    if (format === 'json') return `${JSON.stringify(facets ? { rows: out, facets } : out, null, 2)}\n`;
    return out.map((r) => `${JSON.stringify(r)}\n`).join('');
  }
  const all = fields ?? l.columns;
  const under = format === 'table' ? all.filter((c) => l.below?.includes(c)) : [];
  const cols = all.filter((c) => !under.includes(c));
  const cells = rows.map((r) => cols.map((c) => cell(get(r, c), format === 'table')));
  if (format === 'tsv') return [cols, ...cells].map((line) => `${line.join('\t')}\n`).join('');
  const counted = Object.entries(facets ?? {}).filter(([, counts]) => counts.length);
  if (!rows.length && !counted.length) return '';
  const { table } = await import('./table.js');
  const below = under.length ? rows.map((r) => under.map((c) => String(get(r, c) ?? '')).filter(Boolean)) : undefined;
  const parts = rows.length ? [table(cols, cells, l.wide ?? [], ctx, below)] : [];
  for (const [name, counts] of counted)
    parts.push(
      table(
        [name, 'count'],
        counts.map((c) => [c.name, cell(c.count)]),
        [name],
        ctx,
      ),
    );
  return parts.join('\n');
}

// One record (a card, a graph) as pretty JSON.
export function jsonOutput(data: unknown): { stdout: string } {
  return { stdout: `${JSON.stringify(data, null, 2)}\n` };
}
