// `aigc claims`: every kind of claim, filtered by subject, speaker, kind, value and date.
import { CLAIM_FLAGS } from '../cli/claim-flags.js';
import { defineList } from '../cli/define.js';
import { yearOf } from '../output/facet.js';
import type { OutputOptions } from '../output/render.js';
import { type ClaimFilter, inSourceOrder, selectClaims } from '../query/select.js';
import { claimGroups, groupView } from '../query/views.js';
import { FIELDS } from '../output/fields.js';
import { CONTEXT_FLAG, withContext } from '../texts/context.js';

type Options = OutputOptions & ClaimFilter & { collapse?: boolean; context?: boolean };

// `paragraphs`: a claim's own paragraph and those of the repeats folded into its row.
const FIGURE_COLUMNS = ['id', 'about', 'measures', 'value', 'when', 'by', 'source.id', 'paragraphs'];
const CLAIM_COLUMNS = ['id', 'kind', 'about', 'by', 'text', 'value', 'when', 'source.id', 'paragraphs'];

export const command = defineList<Options>({
  name: 'claims',
  summary: 'list claims: quotes, statements, figures, events and roles, a repeat folded into what it repeats',
  examples: [
    'aigc claims --unit USD --min 100M',
    'aigc claims --about openai --kind figure',
    'aigc claims --kind event --since 2022 --until 2022-12',
    'aigc claims --match "funding" --fields about.name,value,paragraph',
    'aigc claims --about bytedance --with-products',
    'aigc claims --paragraph 93-97',
    'aigc claims --within 2023-01',
    'aigc claims --modality forecast,plan',
    'aigc claims --by-author',
    'aigc claims --to houchang-village-no-7',
    'aigc claims --measure funding-round',
    'aigc claims --about openai --kind figure --no-collapse',
    'aigc claims --about jasper --context',
  ],
  flags: [...CLAIM_FLAGS.claims, CONTEXT_FLAG],
  list: {
    fields: FIELDS.claim,
    // Figures read best with what they measure and their value up front.
    columns: (o) => [
      ...((o.kind?.length === 1 && o.kind[0] === 'figure') ||
      o.unit?.length ||
      o.measure?.length ||
      o.min !== undefined ||
      o.max !== undefined
        ? FIGURE_COLUMNS
        : CLAIM_COLUMNS),
      ...(o.context ? ['context'] : []),
    ],
    wide: ['text', 'measures', 'about'],
    below: ['context'],
    facets: {
      kind: 'kind',
      modality: 'modality',
      speaker: 'by',
      to: 'to',
      measure: 'measure',
      about: 'about',
      unit: 'value.unit',
      year: yearOf('when.date'),
      precision: 'when.precision',
      source: 'source',
    },
  },
  async run(ctx, _args, o) {
    const { kb } = await ctx.load();
    const groups = claimGroups(kb, inSourceOrder(kb, selectClaims(kb, o)), o.collapse === false);
    // A folded row's context is the paragraph of its lead, the one `paragraph` names.
    if (o.context) return withContext(ctx, kb, groups.map(groupView(kb)));
    return { records: groups, view: groupView(kb) };
  },
});
