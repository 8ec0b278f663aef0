// The output flags every list command has, and running a list command: its rows printed as the
// flags ask.
import type { Facets } from '../output/facet.js';
import { entityView, sourceView } from '../query/views.js';
import { FACET_FORMATS, FORMATS, formatOf, type OutputOptions, render } from '../output/render.js';
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
    { name: 'json', help: 'print a JSON array of full records' },
    {
      name: 'format',
      arg: 'format',
      type: { choice: FORMATS },
      help: `output format: ${FORMATS.join('|')} (default: table on a terminal, else tsv)`,
    },
    { name: 'fields', arg: 'list', help: 'comma-separated fields to print, e.g. id,name or by.name,text' },
    { name: 'limit', arg: 'n', type: 'count', help: 'print at most n records' },
  ];
}

export async function runList<O extends OutputOptions>(
  c: ListCommand<O>,
  ctx: Ctx,
  args: string[],
  o: O,
): Promise<Output> {
  const got = await c.run(ctx, args, o);
  const { rows, stderr } = Array.isArray(got) ? { rows: got, stderr: [] } : got;
  const { kb } = await ctx.load();
  const { columns, wide, below, computed, facets } = c.list;
  const listing = {
    rows,
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
  const out: Output = { stdout: await render(listing, o, ctx.view), empty: rows.length === 0, stderr };
  // The rows are printed as asked; the counts need a format with room for them.
  const format = formatOf(o, ctx.view);
  if (o.facet?.length && !FACET_FORMATS.includes(format)) {
    stderr.push(
      `aigc: --facet counts are shown in a table or in JSON (--format table, or --json and jq .facets); ${format} prints the rows only`,
    );
  }
  return out;
}
