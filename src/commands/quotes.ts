// `aigc quotes`: verbatim quotes, each with its speaker, source and paragraph.
import { CLAIM_FLAGS } from '../cli/claim-flags.js';
import { defineList } from '../cli/define.js';
import type { OutputOptions } from '../output/render.js';
import { searchPart } from '../load/searchpart.js';
import { type ClaimFilter, inSourceOrder, selectClaims } from '../query/select.js';
import { claimGroups, groupView } from '../query/views.js';
import { FIELDS } from '../output/fields.js';
import { CONTEXT_FLAG, withContext } from '../texts/context.js';

type Options = OutputOptions &
  Omit<ClaimFilter, 'by' | 'kind'> & {
    speaker?: string[];
    search?: string;
    collapse?: boolean;
    context?: boolean;
  };

export const command = defineList<Options>({
  name: 'quotes',
  summary: 'list verbatim quotes, each with its speaker, source and paragraph',
  examples: [
    'aigc quotes --speaker "li di"',
    'aigc quotes --speaker "li di" --speaker "tian taoyuan"',
    'aigc quotes --search "regulated"',
    'aigc quotes --to houchang-village-no-7',
    'aigc quotes --inferred-speaker',
  ],
  flags: [
    ...CLAIM_FLAGS.quotes,
    { name: 'search', arg: 'text', help: "fuzzy search in the quotes' words, best match first" },
    CONTEXT_FLAG,
  ],
  list: {
    fields: FIELDS.claim,
    // The speaker's role when they spoke, beside their name.
    columns: (o) => ['id', 'by', 'speaker_role', 'text', 'source.id', 'paragraphs', ...(o.context ? ['context'] : [])],
    wide: ['text'],
    below: ['context'],
    facets: { speaker: 'by', about: 'about', modality: 'modality', to: 'to', source: 'source' },
  },
  async run(ctx, _args, o) {
    const { kb } = await ctx.load();
    let quotes = inSourceOrder(kb, selectClaims(kb, { ...o, kind: ['quote'], by: o.speaker }));
    if (o.search !== undefined) {
      // Best match first: the order of the fuzzy search, narrowed to the quotes selected.
      const { SearchIndex } = await import('../query/search.js');
      const allowed = new Map(quotes.map((q) => [q.id, q]));
      const index = new SearchIndex([searchPart({ entities: [], sources: [], claims: quotes })]);
      quotes = index.search(o.search, ['quote']).flatMap((h) => allowed.get(h.id) ?? []);
    }
    const groups = claimGroups(kb, quotes, o.collapse === false);
    if (o.context) return withContext(ctx, kb, groups.map(groupView(kb)));
    return { records: groups, view: groupView(kb) };
  },
});
