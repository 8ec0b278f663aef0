import { sourceView } from '../query/views.js';
import { yearOf } from '../output/facet.js';
import type { OutputOptions } from '../output/render.js';
import { list, type Ctx } from './context.js';

export async function run(ctx: Ctx, o: OutputOptions) {
  const { kb } = await ctx.load();
  const rows = kb.sources.map((s) => sourceView(kb, s));
  return list(
    {
      rows,
      columns: ['id', 'kind', 'title', 'publisher', 'published', 'claims'],
      wide: ['title'],
      facets: { kind: 'kind', publisher: 'publisher', year: yearOf('published'), language: 'language' },
    },
    o,
    ctx,
  );
}
