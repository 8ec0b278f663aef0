// `aigc conflicts`: claims in tension, those the KB states (`contradicts`) and those detected
// among the figures (the same subject, measure, date, unit family and period, different values).
import { defineList } from '../cli/define.js';
import { cell } from '../output/cell.js';
import type { OutputOptions } from '../output/render.js';
import type { ClaimRow, ConflictRow } from '../output/shapes.js';
import { conflicts } from '../query/conflicts.js';
import { resolveMany, splitValues } from '../query/resolve.js';
import { FIELDS } from '../output/fields.js';
import { MEASURES } from '../model.js';

interface Options extends OutputOptions {
  about?: string[];
  basis?: string[];
  measure?: string[];
}

const BASES = ['stated', 'detected'] as const;

// One side of the tension as a reader wants it: where, and what it says.
const side = (c: ClaimRow) => `${c.id} ¶${c.paragraph}: ${c.value ? cell(c.value) : c.text}`;

export const command = defineList<Options>({
  name: 'conflicts',
  summary: 'list claims in tension: stated in the KB, or detected among figures that measure the same thing',
  examples: ['aigc conflicts', 'aigc conflicts --about dream-thieves --json'],
  flags: [
    {
      name: 'about',
      arg: 'name',
      type: { entity: 'any', noun: 'subject' },
      repeatable: true,
      help: 'only tensions about this entity (repeatable, or a comma list)',
    },
    {
      name: 'basis',
      arg: 'basis',
      type: { choice: BASES },
      repeatable: true,
      help: 'stated (the KB records it with `contradicts`) or detected (figures with different values)',
    },
    {
      name: 'measure',
      arg: 'measure',
      type: { choice: MEASURES },
      repeatable: true,
      help: 'only tensions between figures of this measure, e.g. users or funding-round (repeatable, or a comma list)',
    },
  ],
  list: {
    fields: FIELDS.conflict,
    columns: ['basis', 'about', 'measure', 'first', 'second'],
    wide: ['first', 'second'],
    computed: {
      first: (r: ConflictRow) => side(r.claims[0]),
      second: (r: ConflictRow) => side(r.claims[1]),
    },
    facets: { basis: 'basis', about: 'about', measure: 'measure' },
  },
  async run(ctx, _args, o) {
    const { kb } = await ctx.load();
    const about = o.about?.length ? new Set(resolveMany(kb, o.about, { noun: 'subject' }).map((e) => e.id)) : undefined;
    const bases = splitValues(o.basis);
    const measures = splitValues(o.measure);
    return conflicts(kb, about).filter(
      (r) => (!bases.length || bases.includes(r.basis)) && (!measures.length || measures.includes(r.measure ?? '')),
    );
  },
});
