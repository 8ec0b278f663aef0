// `aigc timeline`: the dated claims in date order, each date at its precision.
import { defineList } from '../cli/define.js';
import { yearOf } from '../output/facet.js';
import type { OutputOptions } from '../output/render.js';
import { type TimelineFilter, type TimelineRow, timeline } from '../query/timeline.js';

type Options = OutputOptions & TimelineFilter;

export const command = defineList<Options>({
  name: 'timeline',
  summary: "dated events and figures in date order, with each date's precision",
  examples: [
    'aigc timeline',
    'aigc timeline --about openai --since 2022',
    'aigc timeline --json | jq ".[] | {date, text}"',
  ],
  flags: [
    { name: 'about', arg: 'name', type: { entity: 'any', noun: 'subject' }, help: 'only claims about this entity' },
    {
      name: 'since',
      arg: 'date',
      type: 'date',
      help: 'only dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)',
    },
    { name: 'until', arg: 'date', type: 'date', help: 'only dated on or before' },
  ],
  list: {
    columns: ['when', 'kind', 'text', 'about'],
    wide: ['text', 'about'],
    // The date as written, so its precision shows (2022-10 against 2022-10-19), with its end
    // and an (inferred) mark: the cell of a `when` reads the same here as in `claims`.
    computed: { when: (r: TimelineRow) => ({ date: r.date, end: r.end, inferred: r.inferred }) },
    facets: {
      kind: 'kind',
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
    return timeline(kb, o);
  },
});
