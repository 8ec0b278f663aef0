import { searchPart } from '../load/searchpart.js';
import { selectClaims } from '../query/select.js';
import { claimView } from '../query/views.js';
import type { OutputOptions } from '../output/render.js';
import { list, type Ctx } from './context.js';

export interface Options extends OutputOptions {
  speaker?: string;
  about?: string;
  search?: string;
}

export async function run(ctx: Ctx, o: Options) {
  const { kb } = await ctx.load();
  let quotes = selectClaims(kb, { kind: 'quote', by: o.speaker, about: o.about });
  if (o.search !== undefined) {
    // Best match first: the order of the fuzzy search, narrowed to the quotes selected.
    const { SearchIndex } = await import('../query/search.js');
    const allowed = new Map(quotes.map((q) => [q.id, q]));
    const index = new SearchIndex([searchPart({ entities: [], sources: [], claims: quotes })]);
    quotes = index.search(o.search, ['quote']).flatMap((h) => allowed.get(h.id) ?? []);
  }
  const rows = quotes.map((c) => claimView(kb, c));
  return list(
    {
      rows,
      columns: ['id', 'by', 'text', 'source.id', 'paragraph'],
      wide: ['text'],
      facets: { speaker: 'by', about: 'about', source: 'source' },
    },
    o,
    ctx,
  );
}
