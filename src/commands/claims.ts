import type { ClaimFilter } from '../query/select.js';
import { selectClaims } from '../query/select.js';
import { claimView } from '../query/views.js';
import { yearOf } from '../output/facet.js';
import type { OutputOptions } from '../output/render.js';
import { list, type Ctx } from './context.js';

export type Options = OutputOptions & ClaimFilter;

export async function run(ctx: Ctx, o: Options) {
  const { kb } = await ctx.load();
  const rows = selectClaims(kb, o).map((c) => claimView(kb, c));
  const columns =
    o.kind === 'figure' || o.unit || o.min !== undefined || o.max !== undefined
      ? ['id', 'about', 'measures', 'value', 'when', 'by', 'source.id', 'paragraph']
      : ['id', 'kind', 'about', 'by', 'text', 'value', 'when', 'source.id', 'paragraph'];
  return list(
    {
      rows,
      columns,
      wide: ['text', 'measures', 'about'],
      facets: {
        kind: 'kind',
        speaker: 'by',
        about: 'about',
        unit: 'value.unit',
        year: yearOf('when.date'),
        precision: 'when.precision',
        source: 'source',
      },
    },
    o,
    ctx,
  );
}
