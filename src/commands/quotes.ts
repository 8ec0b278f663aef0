// `aigc quotes`: verbatim quotes, each with its speaker, source and paragraph.
import { defineList } from '../cli/define.js';
import { SPEAKER_TYPES } from '../model.js';
import type { OutputOptions } from '../output/render.js';
import { searchPart } from '../load/searchpart.js';
import { selectClaims } from '../query/select.js';
import { claimView } from '../query/views.js';

interface Options extends OutputOptions {
  speaker?: string;
  about?: string;
  search?: string;
}

export const command = defineList<Options>({
  name: 'quotes',
  summary: 'list verbatim quotes, each with its speaker, source and paragraph',
  examples: ['aigc quotes --speaker "li di"', 'aigc quotes --search "regulated"'],
  flags: [
    {
      name: 'speaker',
      arg: 'name',
      type: { entity: SPEAKER_TYPES, noun: 'speaker', speaker: ['quote'] },
      help: 'only quotes by this person or organisation',
    },
    { name: 'about', arg: 'name', type: { entity: 'any', noun: 'subject' }, help: 'only quotes about this entity' },
    { name: 'search', arg: 'text', help: "fuzzy search in the quotes' words, best match first" },
  ],
  list: {
    columns: ['id', 'by', 'text', 'source.id', 'paragraph'],
    wide: ['text'],
    facets: { speaker: 'by', about: 'about', source: 'source' },
  },
  async run(ctx, _args, o) {
    const { kb } = await ctx.load();
    let quotes = selectClaims(kb, { kind: 'quote', by: o.speaker, about: o.about });
    if (o.search !== undefined) {
      // Best match first: the order of the fuzzy search, narrowed to the quotes selected.
      const { SearchIndex } = await import('../query/search.js');
      const allowed = new Map(quotes.map((q) => [q.id, q]));
      const index = new SearchIndex([searchPart({ entities: [], sources: [], claims: quotes })]);
      quotes = index.search(o.search, ['quote']).flatMap((h) => allowed.get(h.id) ?? []);
    }
    return quotes.map((c) => claimView(kb, c));
  },
});
