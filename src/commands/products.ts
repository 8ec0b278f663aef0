// `aigc products`: products and models, with their makers.
import { LISTED_FLAG, SEGMENT_FLAG } from '../cli/entity-flags.js';
import { defineList } from '../cli/define.js';
import { ORG_TYPES } from '../model.js';
import type { OutputOptions } from '../output/render.js';
import type { EntityRow } from '../output/shapes.js';
import type { Kb } from '../query/kb.js';
import { inSegments } from '../query/members.js';
import { resolveMany } from '../query/resolve.js';
import { entityView, makersOf } from '../query/views.js';
import { FIELDS } from '../output/fields.js';

interface Options extends OutputOptions {
  segment?: string[];
  listed?: boolean;
  maker?: string[];
}

export const command = defineList<Options>({
  name: 'products',
  summary: 'list products and models',
  examples: [
    'aigc products --segment image',
    'aigc products --segment image --listed',
    'aigc products --maker bytedance',
  ],
  flags: [
    SEGMENT_FLAG,
    LISTED_FLAG,
    {
      name: 'maker',
      arg: 'name',
      type: { entity: ORG_TYPES, noun: 'maker' },
      repeatable: true,
      help: 'only products of this organisation (or of a part of it, or part of its products; repeatable)',
    },
  ],
  list: {
    fields: FIELDS.entity,
    columns: ['id', 'name', 'maker', 'segments', 'description'],
    wide: ['description'],
    // Its makers, or the makers of the product it is part of, each marked where the editor
    // supplied it.
    computed: { maker: (row: EntityRow, kb: Kb) => makersOf(kb, row.id) },
    facets: { segment: 'segments', maker: 'makers', source: 'sources' },
  },
  async run(ctx, _args, o) {
    const { kb } = await ctx.load();
    let products = inSegments(
      kb,
      kb.entities.filter((e) => e.type === 'product'),
      o.segment,
      o.listed,
    );
    if (o.maker?.length) {
      const family = new Set(
        resolveMany(kb, o.maker, { types: ORG_TYPES, noun: 'maker' }).flatMap((m) => [...kb.withParts(m.id)]),
      );
      products = products.filter((p) => makersOf(kb, p.id).some((m) => family.has(m.id)));
    }
    return products.map((e) => entityView(kb, e));
  },
});
