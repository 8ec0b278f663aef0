// `aigc search TEXT`: fuzzy search across names, aliases, quotes and claims.
import { defineList } from '../cli/define.js';
import { CLAIM_KINDS, ENTITY_TYPES } from '../model.js';
import type { OutputOptions } from '../output/render.js';
import { FIELDS } from '../output/fields.js';

const SEARCH_TYPES = [...ENTITY_TYPES, ...CLAIM_KINDS, 'source'];

interface Options extends OutputOptions {
  type?: string;
}

export const command = defineList<Options>({
  name: 'search',
  summary: 'fuzzy search across names, aliases, quotes and claims',
  examples: ['aigc search "digital people"', 'aigc search jasper --type company'],
  args: [{ name: 'text', help: 'what to look for', required: true }],
  flags: [
    {
      name: 'type',
      arg: 'type',
      type: { choice: SEARCH_TYPES },
      help: `only hits of this type: ${SEARCH_TYPES.join('|')}`,
    },
  ],
  list: {
    fields: FIELDS.hit,
    columns: ['type', 'id', 'name', 'score', 'field'],
    wide: ['name'],
    facets: { type: 'type', field: 'field' },
  },
  async run(ctx, [text], o) {
    const { kb } = await ctx.load();
    const { SearchIndex } = await import('../query/search.js');
    return new SearchIndex(kb.searchParts()).search(text, o.type ? [o.type] : undefined);
  },
});
