// `aigc segments`: each segment with its members, and how many organisations and products.
import { LISTED_FLAG } from '../cli/entity-flags.js';
import { defineList } from '../cli/define.js';
import { ORG_TYPES } from '../model.js';
import type { OutputOptions } from '../output/render.js';
import type { SegmentRow } from '../output/shapes.js';
import { based, refOf } from '../query/views.js';
import { FIELDS } from '../output/fields.js';

interface Options extends OutputOptions {
  listed?: boolean;
}

export const command = defineList<Options>({
  name: 'segments',
  summary: 'list segments, with their members (listed by the source, or tagged by the editor) and member counts',
  examples: ['aigc segments', 'aigc segments --listed', 'aigc segments --json | jq ".[] | {name, members}"'],
  flags: [{ ...LISTED_FLAG, help: "only the members the source lists under each segment, not the editor's tags" }],
  list: {
    fields: FIELDS.segment,
    columns: ['id', 'name', 'members', 'listed', 'orgs', 'prods', 'organisations', 'products'],
    wide: ['organisations', 'products'],
  },
  async run(ctx, _args, o) {
    const { kb } = await ctx.load();
    return kb.entities
      .filter((e) => e.type === 'segment')
      .map((s): SegmentRow => {
        // Each member with the basis of its membership of this segment.
        const all = kb.segmentMembers(s.id).map((m) => ({
          entity: m,
          ref: based(refOf(m), m.segments.find((x) => x.id === s.id)?.paragraph),
        }));
        const members = o.listed ? all.filter((m) => m.ref.basis === 'source') : all;
        const of = (want: (t: string) => boolean) => members.filter((m) => want(m.entity.type)).map((m) => m.ref);
        const products = of((t) => t === 'product');
        const organisations = of((t) => ORG_TYPES.includes(t));
        // The counts beside the lists: what `companies --facet segment` and `products --facet segment` count.
        return {
          id: s.id,
          name: s.name,
          aliases: s.aliases,
          members: members.length,
          listed: members.filter((m) => m.ref.basis === 'source').length,
          orgs: organisations.length,
          prods: products.length,
          organisations,
          products,
          description: s.description ?? null,
        };
      });
  },
});
