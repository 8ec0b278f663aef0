// Building the output of a list command: a string, or for a terminal table the chunks of one,
// row by row, so that a long table starts to show at once. Printing is the caller's job.
import { UsageError } from '../errors.js';
import { didYouMean, shown } from '../text/suggest.js';
import { jsonText, terminalText } from '../text/terminal.js';
import { csvField } from '../export/text.js';
import { cell } from './cell.js';
import { countFacets, type Facets } from './facet.js';
import { type Fields, project, valueAt } from './project.js';
import { sortKeys, sortRows } from './sort.js';

export const FORMATS = ['table', 'tsv', 'csv', 'json', 'jsonl'] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputOptions {
  format?: Format;
  json?: boolean | string; // --json, or --json FIELDS as gh takes it
  jq?: string; // --jq EXPR: the JSON filtered by jq
  fields?: string;
  sort?: string[]; // --sort FIELD, -FIELD descending (repeatable)
  limit?: number;
  headers?: boolean; // false with --no-headers: TSV and CSV without their header line
  wide?: boolean; // a terminal table keeps every cell whole
  facet?: string[]; // facets to count over the whole result
  csvRaw?: boolean; // CSV cells as they are, formula prefixes and all
}

export interface RenderContext {
  tty: boolean; // stdout is a terminal
  color: boolean;
  width: number; // of a table: the terminal's, else $COLUMNS, else 80
}

export interface Listing extends Fields {
  rows: object[]; // the rows, or the records `view` makes rows of
  // biome-ignore lint/suspicious/noExplicitAny: the records are of the command's own type
  view?: (record: any) => object;
  fields: readonly string[]; // the JSON row's fields
  columns: string[]; // the default columns for table, TSV and CSV
  wide?: string[]; // columns that may wrap in a table (long text)
  below?: string[]; // columns that a table shows under each row, across it (a paragraph)
  facets?: Facets; // the facets this listing offers, by name
}

export interface Rendered {
  stdout: string | Iterable<string>;
  stderr?: string[];
}

export function formatOf(o: OutputOptions, ctx: RenderContext): Format {
  const json = o.json !== undefined && o.json !== false;
  if (json || o.jq !== undefined) return o.format && o.format !== 'json' ? conflict(o.format, json) : 'json';
  return o.format ?? (ctx.tty ? 'table' : 'tsv');
}

function conflict(f: string, json: boolean): never {
  throw new UsageError(`${json ? '--json' : '--jq'} and --format ${f} disagree; give one`);
}

// The fields a flag names, each checked against the fields the rows have.
function checkedPaths(flag: string, given: string, l: Listing): string[] {
  const paths = given
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (!paths.length) throw new UsageError(`${flag} needs at least one field name`);
  const known = new Set([...l.fields, ...l.columns, ...Object.keys(l.computed ?? {})]);
  for (const p of paths) {
    const top = p.replace(/^-/, '').split('.')[0];
    if (!known.has(top))
      throw new UsageError(
        `unknown field "${shown(p)}" for ${flag}${didYouMean(top, known)}; fields: ${[...known].join(', ')}`,
      );
  }
  return paths;
}

export async function render(l: Listing, o: OutputOptions, ctx: RenderContext): Promise<Rendered> {
  const format = formatOf(o, ctx);
  const jsonFields = typeof o.json === 'string' ? checkedPaths('--json', o.json, l) : undefined;
  const fields = o.fields ? checkedPaths('--fields', o.fields, l) : jsonFields;
  const sort = sortKeys(o.sort ?? []);
  checkedPaths('--sort', sort.map((k) => k.path).join(',') || 'id', { ...l, fields: [...l.fields, 'id'] });
  // Every row is made where sorting or counting needs them all; else only those printed, and
  // for a table only as it reaches them.
  const whole = l.view && (sort.length || o.facet?.length) ? l.rows.map(l.view) : l.rows;
  const made = l.view && whole === l.rows ? l.view : undefined;
  const facets = o.facet?.length ? countFacets(whole, o.facet, l.facets) : undefined;
  const sorted = sortRows(whole, sort, (r, p) => valueAt(r, p, l));
  const limited = o.limit !== undefined ? sorted.slice(0, o.limit) : sorted;
  const rows = made && format !== 'table' ? limited.map(made) : limited;
  const rowAt = made && format === 'table' ? made : (r: object) => r;
  if (format === 'json' || format === 'jsonl') {
    const out = fields ? rows.map((r) => project(r, fields, l)) : rows;
    // Only with --facet does the array become {rows, facets}: plain --json stays an array.
    const doc = facets ? { rows: out, facets } : out;
    if (o.jq !== undefined) return { stdout: await (await import('./jq.js')).jq(JSON.stringify(doc), o.jq) };
    if (format === 'json') return { stdout: `${jsonText(doc, 2)}\n` };
    return { stdout: out.map((r) => `${jsonText(r)}\n`).join(''), stderr: facetBlock(facets) };
  }
  const cols = fields ?? l.columns;
  const headers = o.headers !== false;
  if (format === 'csv') {
    // A number stays a number; anything else is its cell text (src/export/text.ts says why).
    const raw = { raw: o.csvRaw };
    const field = (v: unknown) => csvField(typeof v === 'number' ? v : cell(v, false), raw);
    const lines = rows.map((r) => cols.map((c) => field(valueAt(r, c, l))).join(','));
    return {
      stdout: [...(headers ? [cols.map((c) => csvField(c, raw)).join(',')] : []), ...lines]
        .map((x) => `${x}\r\n`)
        .join(''),
      stderr: facetBlock(facets),
    };
  }
  // Off a terminal, TSV carries the KB's text as it is, for scripts, but for the tabs and line
  // breaks that would split a record; on a terminal every cell is escaped (src/text/terminal.ts).
  const text = ctx.tty || format === 'table' ? (s: string) => terminalText(s, 'cell') : plainCell;
  const cellsOf = (r: object) => cols.map((c) => text(cell(valueAt(r, c, l), format === 'table')));
  if (format === 'tsv')
    return {
      stdout: [...(headers ? [cols] : []), ...rows.map(cellsOf)].map((line) => `${line.join('\t')}\n`).join(''),
      stderr: facetBlock(facets),
    };
  const counted = Object.entries(facets ?? {}).filter(([, counts]) => counts.length);
  if (!rows.length && !counted.length) return { stdout: '' };
  const { table } = await import('./table.js');
  // A table shows these columns under each row, across the table, rather than beside it.
  const under = cols.filter((c) => l.below?.includes(c));
  const beside = cols.filter((c) => !under.includes(c));
  const besideOf = (r: object) => beside.map((c) => text(cell(valueAt(r, c, l), true)));
  const underOf = (i: number): [string, string][] =>
    under.flatMap((c) => {
      const v = valueAt(rowAt(rows[i]), c, l);
      return v === null || v === undefined || v === '' ? [] : [[c, terminalText(String(v), 'prose')]];
    });
  const view = { width: ctx.width, color: ctx.color, wide: o.wide };
  return {
    stdout: (function* () {
      // Each row's cells are made as the table reaches it.
      if (rows.length)
        yield* table(
          beside,
          (function* () {
            for (const r of rows) yield besideOf(rowAt(r));
          })(),
          l.wide ?? [],
          view,
          under.length ? underOf : undefined,
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
    })(),
  };
}

// Where the rows are one a line (TSV, CSV, JSON Lines), the counts go to stderr, so that stdout
// stays rows alone for cut, sort and jq: a block for each facet, its values and counts in two
// aligned columns under a heading (the counts as data: --json, where they sit beside the rows).
function facetBlock(facets: Record<string, { name: string; count: number }[]> | undefined): string[] | undefined {
  if (!facets) return undefined;
  return Object.entries(facets).flatMap(([name, counts]) => {
    const width = Math.max(name.length, ...counts.map((c) => c.name.length));
    return [`${name.padEnd(width)}  count`, ...counts.map((c) => `${plainCell(c.name).padEnd(width)}  ${c.count}`)];
  });
}

const plainCell = (s: string) => s.replace(/[\t\r\n]+/g, ' ');

// One record (a card, a graph) as pretty JSON, exact and safe on a terminal (jsonText).
export function jsonOutput(data: unknown): { stdout: string } {
  return { stdout: `${jsonText(data, 2)}\n` };
}
