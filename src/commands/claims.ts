// `aigc claims`: every kind of claim, filtered by subject, speaker, kind, value and date.
import { CLAIM_FLAGS } from '../cli/claim-flags.js';
import { defineList } from '../cli/define.js';
import type { Claim } from '../load/schema.js';
import { yearOf } from '../output/facet.js';
import type { OutputOptions } from '../output/render.js';
import { type ClaimFilter, inSourceOrder, selectClaims } from '../query/select.js';
import { claimView } from '../query/views.js';
import { FIELDS } from '../output/fields.js';
import { CONTEXT_FLAG, withContext } from '../texts/context.js';

type Options = OutputOptions & ClaimFilter & { context?: boolean };

const FIGURE_COLUMNS = ['id', 'about', 'measures', 'value', 'when', 'by', 'source.id', 'paragraph'];
const CLAIM_COLUMNS = ['id', 'kind', 'about', 'by', 'text', 'value', 'when', 'source.id', 'paragraph'];

export const command = defineList<Options>({
  name: 'claims',
  summary: 'list claims: quotes, statements, figures and events',
  examples: [
    'aigc claims --unit USD --min 100M',
    'aigc claims --about openai --kind figure',
    'aigc claims --kind event --since 2022 --until 2022-12',
    'aigc claims --match "funding" --fields about.name,value,paragraph',
    'aigc claims --about bytedance --with-products',
    'aigc claims --paragraph 93-97',
    'aigc claims --within 2023-01',
    'aigc claims --about jasper --context',
  ],
  flags: [...CLAIM_FLAGS.claims, CONTEXT_FLAG],
  list: {
    fields: FIELDS.claim,
    // Figures read best with what they measure and their value up front.
    columns: (o) => [
      ...((o.kind?.length === 1 && o.kind[0] === 'figure') ||
      o.unit?.length ||
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
      speaker: 'by',
      about: 'about',
      unit: 'value.unit',
      year: yearOf('when.date'),
      precision: 'when.precision',
      source: 'source',
    },
  },
  async run(ctx, _args, o) {
    const { kb } = await ctx.load();
    const claims = inSourceOrder(kb, selectClaims(kb, o));
    if (o.context)
      return withContext(
        ctx,
        kb,
        claims.map((c) => claimView(kb, c)),
      );
    return { records: claims, view: (c: Claim) => claimView(kb, c) };
  },
});
