import type { OutputOptions } from '../output/render.js';
import { list, type Ctx } from './context.js';

export interface Options extends OutputOptions {
  type?: string;
}

export async function run(ctx: Ctx, text: string, o: Options) {
  const { kb } = await ctx.load();
  const { SearchIndex } = await import('../query/search.js');
  const hits = new SearchIndex(kb.searchParts()).search(text, o.type ? [o.type] : undefined);
  return list(
    {
      rows: hits,
      columns: ['type', 'id', 'name', 'score', 'field'],
      wide: ['name'],
      facets: { type: 'type', field: 'field' },
    },
    o,
    ctx,
  );
}
