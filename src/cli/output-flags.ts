// The output flags every list command has, and running a list command: its rows printed as the
// flags ask.
import type { Facets } from '../output/facet.js';
import { entityView, sourceView } from '../query/views.js';
import { FORMATS, type OutputOptions, render } from '../output/render.js';
import type { Ctx, Flag, ListCommand, Output } from './define.js';

export function outputFlags(facets?: Facets): Flag[] {
  const names = Object.keys(facets ?? {});
  return [
    ...(names.length
      ? [
          {
            name: 'facet',
            arg: 'field',
            type: { names },
            repeatable: true,
            help: `also count the rows per value of a field: ${names.join('|')} (repeatable)`,
          } satisfies Flag,
        ]
      : []),
    {
      name: 'json',
      arg: 'fields',
      optional: true,
      help: 'print JSON: an array of full records, or of the fields named (id,name,value.amount), nested as in the record',
    },
    {
      name: 'jq',
      arg: 'expression',
      help: 'filter the JSON with a jq expression (jq itself, built in); strings print raw',
    },
    {
      name: 'format',
      arg: 'format',
      type: { choice: FORMATS },
      help: `output format: ${FORMATS.join('|')} (default: table on a terminal, else tsv)`,
    },
    {
      name: 'fields',
      arg: 'list',
      help: 'comma-separated fields to print, e.g. id,name or by.name,text (see Fields below)',
    },
    {
      name: 'sort',
      arg: 'field',
      repeatable: true,
      help: 'sort by this field, -field for descending (repeatable, or a comma list: the first field first)',
    },
    { name: 'limit', arg: 'n', type: 'count', help: 'print at most n records' },
    { name: 'headers', negate: true, help: 'TSV and CSV without the header line' },
    { name: 'csv-raw', help: 'CSV cells exactly as they are, with no quote before a formula-like cell' },
    { name: 'wide', help: 'in a table, keep every cell whole: no wrapping or cutting to fit the terminal' },
  ];
}

export async function runList<O extends OutputOptions>(
  c: ListCommand<O>,
  ctx: Ctx,
  args: string[],
  o: O,
): Promise<Output> {
  const result = await c.run(ctx, args, o);
  const { records, view, stderr } = Array.isArray(result) ? { records: result, view: undefined, stderr: [] } : result;
  const { kb } = await ctx.load();
  const { fields, columns, wide, below, computed, facets } = c.list;
  const listing = {
    rows: records as object[],
    view,
    fields,
    columns: [...(typeof columns === 'function' ? columns(o) : columns)],
    wide: [...(wide ?? [])],
    below: [...(below ?? [])],
    computed:
      computed && Object.fromEntries(Object.entries(computed).map(([k, f]) => [k, (row: object) => f(row, kb)])),
    facets,
    // --fields about.aliases: a reference read through to the record it names.
    expand: (ref: { id: string }) => {
      const e = kb.entity(ref.id);
      if (e) return entityView(kb, e);
      const s = kb.source(ref.id);
      return s && sourceView(kb, s);
    },
  };
  const rendered = await render(listing, o, ctx.view);
  return {
    stdout: rendered.stdout,
    stderr: [...(stderr ?? []), ...(rendered.stderr ?? [])],
    empty: records.length === 0,
  };
}
