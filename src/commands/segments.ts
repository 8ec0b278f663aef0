import { ORG_TYPES } from '../model.js';
import { refOf } from '../query/views.js';
import type { OutputOptions } from '../output/render.js';
import { list, type Ctx } from './context.js';

export async function run(ctx: Ctx, o: OutputOptions) {
  const { kb } = await ctx.load();
  const rows = kb.entities
    .filter((e) => e.type === 'segment')
    .map((s) => {
      const members = kb.segmentMembers(s.id);
      const of = (want: (t: string) => boolean) => members.filter((m) => want(m.type)).map(refOf);
      const products = of((t) => t === 'product');
      const organisations = of((t) => ORG_TYPES.includes(t));
      // The counts beside the lists: what `companies --facet segment` and `products --facet segment` count.
      return {
        id: s.id,
        name: s.name,
        aliases: s.aliases,
        members: members.length,
        orgs: organisations.length,
        prods: products.length,
        organisations,
        products,
        description: s.description ?? null,
      };
    });
  return list(
    {
      rows,
      columns: ['id', 'name', 'members', 'orgs', 'prods', 'organisations', 'products'],
      wide: ['organisations', 'products'],
    },
    o,
    ctx,
  );
}
