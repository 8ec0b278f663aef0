// `aigc timeline`: the dated claims in date order, each date at its precision.
import { CLAIM_FLAGS } from '../cli/claim-flags.js';
import { defineList } from '../cli/define.js';
import { yearOf } from '../output/facet.js';
import type { OutputOptions } from '../output/render.js';
import { type TimelineFilter, type TimelineRow, timeline } from '../query/timeline.js';
import { FIELDS } from '../output/fields.js';
import { CONTEXT_FLAG, withContext } from '../texts/context.js';

type Options = OutputOptions & TimelineFilter & { context?: boolean };

export const command = defineList<Options>({
  name: 'timeline',
  summary: "dated events and figures in date order, with each date's precision",
  examples: [
    'aigc timeline',
    'aigc timeline --about openai --since 2022',
    'aigc timeline --modality forecast,plan',
    'aigc timeline --json | jq ".[] | {date, text}"',
  ],
  flags: [...CLAIM_FLAGS.timeline, CONTEXT_FLAG],
  list: {
    fields: FIELDS.timeline,
    columns: (o) => ['when', 'kind', 'text', 'about', ...(o.context ? ['context'] : [])],
    wide: ['text', 'about'],
    below: ['context'],
    // The date as written, so its precision shows (2022-10 against 2022-10-19), with its end, its
    // qualifier and an (inferred) mark: the cell of a `when` reads the same here as in `claims`.
    // A forecast or a plan is marked so, since its date is foreseen, not past.
    computed: {
      when: (r: TimelineRow) => ({
        date: r.date,
        end: r.end,
        qualifier: r.qualifier,
        inferred: r.inferred,
        modality: r.modality,
      }),
    },
    facets: {
      kind: 'kind',
      modality: 'modality',
      year: yearOf('date'),
      precision: 'precision',
      inferred: 'inferred',
      about: 'about',
      speaker: 'by',
      unit: 'value.unit',
      source: 'source',
    },
  },
  async run(ctx, _args, o) {
    const { kb } = await ctx.load();
    const rows = timeline(kb, o);
    return o.context ? withContext(ctx, kb, rows) : rows;
  },
});
