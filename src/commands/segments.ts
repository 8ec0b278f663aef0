// `aigc segments`: each segment with its members, and how many organisations and products.
import { defineList } from '../cli/define.js';
import { ORG_TYPES } from '../model.js';
import type { SegmentRow } from '../output/shapes.js';
import { refOf } from '../query/views.js';
import { FIELDS } from '../output/fields.js';

export const command = defineList({
  name: 'segments',
  summary: 'list segments, with their members and member counts',
  examples: ['aigc segments', 'aigc segments --json | jq ".[] | {name, members}"'],
  list: {
    fields: FIELDS.segment,
    columns: ['id', 'name', 'members', 'orgs', 'prods', 'organisations', 'products'],
    wide: ['organisations', 'products'],
  },
  async run(ctx) {
    const { kb } = await ctx.load();
    return kb.entities
      .filter((e) => e.type === 'segment')
      .map((s): SegmentRow => {
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
  },
});
