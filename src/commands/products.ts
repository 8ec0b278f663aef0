// `aigc products`: products and models, with their makers.
import { defineList } from '../cli/define.js';
import { ORG_TYPES } from '../model.js';
import type { OutputOptions } from '../output/render.js';
import { resolveEntity } from '../query/resolve.js';
import { entityView } from '../query/views.js';

interface Options extends OutputOptions {
  segment?: string;
  maker?: string;
}

export const command = defineList<Options>({
  name: 'products',
  summary: 'list products and models',
  examples: ['aigc products --segment image', 'aigc products --maker bytedance'],
  flags: [
    {
      name: 'segment',
      arg: 'name',
      type: { entity: ['segment'], noun: 'segment' },
      help: 'only members of this segment',
    },
    {
      name: 'maker',
      arg: 'name',
      type: { entity: ORG_TYPES, noun: 'maker' },
      help: 'only products of this organisation (or of a part of it)',
    },
  ],
  list: {
    columns: ['id', 'name', 'makers', 'segments', 'description'],
    wide: ['description'],
    facets: { segment: 'segments', maker: 'makers', source: 'sources' },
  },
  async run(ctx, _args, o) {
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
    return products.map((e) => entityView(kb, e));
  },
});
