import { timeline, type TimelineFilter, type TimelineRow } from '../query/timeline.js';
import { yearOf } from '../output/facet.js';
import type { OutputOptions } from '../output/render.js';
import { list, type Ctx } from './context.js';

export type Options = OutputOptions & TimelineFilter;

export async function run(ctx: Ctx, o: Options) {
  const { kb } = await ctx.load();
  const rows = timeline(kb, o);
  return list(
    {
      rows,
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
    o,
    ctx,
  );
}
