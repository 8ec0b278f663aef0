import { resolveEntity } from '../query/resolve.js';
import { ORG_TYPES } from '../model.js';
import { entityView } from '../query/views.js';
import type { OutputOptions } from '../output/render.js';
import { list, type Ctx } from './context.js';

export interface Options extends OutputOptions {
  segment?: string;
  maker?: string;
}

export async function run(ctx: Ctx, o: Options) {
  const { kb } = await ctx.load();
  let products = kb.entities.filter((e) => e.type === 'product');
  if (o.segment) {
    const seg = resolveEntity(kb, o.segment, { types: ['segment'], noun: 'segment' });
    products = products.filter((e) => e.segments.includes(seg.id));
  }
  if (o.maker) {
    const maker = resolveEntity(kb, o.maker, { types: ORG_TYPES, noun: 'maker' });
    const family = kb.withParts(maker.id);
    products = products.filter((p) => kb.relations(p.id).some((r) => r.kind === 'maker' && family.has(r.other.id)));
  }
  const rows = products.map((e) => entityView(kb, e));
  return list(
    {
      rows,
      columns: ['id', 'name', 'makers', 'segments', 'description'],
      wide: ['description'],
      facets: { segment: 'segments', maker: 'makers', source: 'sources' },
    },
    o,
    ctx,
  );
}
