// Building the output of a list command: a string, or for a terminal table the chunks of one,
// row by row, so that a long table starts to show at once. Printing is the caller's job.
import { UsageError } from '../errors.js';
import { didYouMean, shown } from '../text/suggest.js';
import { jsonText, terminalText } from '../text/terminal.js';
import { cell, type Expand, pick } from './cell.js';
import { countFacets, type Facets } from './facet.js';

export const FORMATS = ['table', 'tsv', 'json', 'jsonl'] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputOptions {
  format?: Format;
  json?: boolean;
  fields?: string;
  limit?: number;
  wide?: boolean; // a terminal table keeps every cell whole
  facet?: string[]; // facets to count over the whole result (table and JSON only)
}

export interface RenderContext {
  tty: boolean; // stdout is a terminal
  color: boolean;
  width: number; // of a table: the terminal's, else $COLUMNS, else 80
}

export interface Listing {
  rows: object[];
  columns: string[]; // the default columns for table and TSV
  wide?: string[]; // columns that may wrap in a table (long text)
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

export async function render(l: Listing, o: OutputOptions, ctx: RenderContext): Promise<string | Iterable<string>> {
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
    if (format === 'json') return `${jsonText(facets ? { rows: out, facets } : out, 2)}\n`;
    return out.map((r) => `${jsonText(r)}\n`).join('');
  }
  const cols = fields ?? l.columns;
  // Off a terminal, TSV carries the KB's text as it is, for scripts, but for the tabs and line
  // breaks that would split a record; on a terminal every cell is escaped (src/text/terminal.ts).
  const text = ctx.tty || format === 'table' ? (s: string) => terminalText(s, 'cell') : plainCell;
  const cellsOf = (r: object) => cols.map((c) => text(cell(get(r, c), format === 'table')));
  if (format === 'tsv') return [cols, ...rows.map(cellsOf)].map((line) => `${line.join('\t')}\n`).join('');
  const counted = Object.entries(facets ?? {}).filter(([, counts]) => counts.length);
  if (!rows.length && !counted.length) return '';
  const { table } = await import('./table.js');
  const view = { width: ctx.width, color: ctx.color, wide: o.wide };
  return (function* () {
    // Each row's cells are made as the table reaches it.
    if (rows.length)
      yield* table(
        cols,
        (function* () {
          for (const r of rows) yield cellsOf(r);
        })(),
        l.wide ?? [],
        view,
      );
    for (const [i, [name, counts]] of counted.entries()) {
      if (rows.length || i) yield '\n';
      yield* table(
        [name, 'count'],
        counts.map((c) => [terminalText(c.name, 'cell'), cell(c.count)]),
        [name],
        view,
      );
    }
  })();
}

const plainCell = (s: string) => s.replace(/[\t\r\n]+/g, ' ');

// One record (a card, a graph) as pretty JSON, exact and safe on a terminal (jsonText).
export function jsonOutput(data: unknown): { stdout: string } {
  return { stdout: `${jsonText(data, 2)}\n` };
}
