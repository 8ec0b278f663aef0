import { resolveEntity } from '../query/resolve.js';
import { entityView, isOrg } from '../query/views.js';
import type { OutputOptions } from '../output/render.js';
import { list, type Ctx } from './context.js';

export interface Options extends OutputOptions {
  segment?: string;
  type?: string;
}

export async function run(ctx: Ctx, o: Options) {
  const { kb } = await ctx.load();
  let orgs = kb.entities.filter(isOrg);
  if (o.type) orgs = orgs.filter((e) => e.type === o.type);
  if (o.segment) {
    const seg = resolveEntity(kb, o.segment, { types: ['segment'], noun: 'segment' });
    orgs = orgs.filter((e) => e.segments.includes(seg.id));
  }
  const rows = orgs.map((e) => entityView(kb, e));
  return list(
    {
      rows,
      columns: ['id', 'name', 'type', 'segments', 'description'],
      wide: ['description'],
      facets: { segment: 'segments', type: 'type', source: 'sources' },
    },
    o,
    ctx,
  );
}
