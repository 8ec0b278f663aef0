// `aigc sources`: the sources, with how many claims cite each.
import { defineList } from '../cli/define.js';
import { yearOf } from '../output/facet.js';
import { sourceView } from '../query/views.js';
import { FIELDS } from '../output/fields.js';

export const command = defineList({
  name: 'sources',
  summary: 'list sources, with how many claims cite each',
  examples: ['aigc sources'],
  list: {
    fields: FIELDS.source,
    columns: ['id', 'kind', 'title', 'publisher', 'published', 'claims'],
    wide: ['title'],
    facets: { kind: 'kind', publisher: 'publisher', year: yearOf('published'), language: 'language' },
  },
  async run(ctx) {
    const { kb } = await ctx.load();
    return kb.sources.map((s) => sourceView(kb, s));
  },
});
