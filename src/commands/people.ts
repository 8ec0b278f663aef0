import { ORG_TYPES } from '../model.js';
import { resolveEntity } from '../query/resolve.js';
import { entityView } from '../query/views.js';
import type { OutputOptions } from '../output/render.js';
import { list, type Ctx } from './context.js';

export interface Options extends OutputOptions {
  org?: string;
}

export async function run(ctx: Ctx, o: Options) {
  const { kb } = await ctx.load();
  let people = kb.entities.filter((e) => e.type === 'person');
  if (o.org) {
    const org = resolveEntity(kb, o.org, { types: ORG_TYPES, noun: 'organisation' });
    const family = kb.withParts(org.id);
    people = people.filter((p) => p.relations.some((r) => r.kind === 'works_at' && family.has(r.to)));
  }
  const rows = people.map((e) => entityView(kb, e));
  return list(
    {
      rows,
      columns: ['id', 'name', 'roles', 'description'],
      wide: ['description'],
      facets: { org: 'roles.org', source: 'sources' },
    },
    o,
    ctx,
  );
}
