// `aigc claims`: every kind of claim, filtered by subject, speaker, kind, value and date.
import { defineList } from '../cli/define.js';
import { CLAIM_KINDS, SPEAKER_TYPES } from '../model.js';
import { yearOf } from '../output/facet.js';
import type { OutputOptions } from '../output/render.js';
import { type ClaimFilter, selectClaims } from '../query/select.js';
import { claimView } from '../query/views.js';

type Options = OutputOptions & ClaimFilter;

const FIGURE_COLUMNS = ['id', 'about', 'measures', 'value', 'when', 'by', 'source.id', 'paragraph'];
const CLAIM_COLUMNS = ['id', 'kind', 'about', 'by', 'text', 'value', 'when', 'source.id', 'paragraph'];

export const command = defineList<Options>({
  name: 'claims',
  summary: 'list claims: quotes, statements, figures and events',
  examples: [
    'aigc claims --unit USD --min 100M',
    'aigc claims --about openai --kind figure',
    'aigc claims --kind event --since 2022 --until 2022-12',
  ],
  flags: [
    { name: 'about', arg: 'name', type: { entity: 'any', noun: 'subject' }, help: 'only claims about this entity' },
    {
      name: 'by',
      arg: 'name',
      type: { entity: SPEAKER_TYPES, noun: 'speaker', speaker: true },
      help: 'only claims made by this person or organisation',
    },
    { name: 'kind', arg: 'kind', type: { choice: CLAIM_KINDS }, help: `only this kind: ${CLAIM_KINDS.join('|')}` },
    { name: 'unit', arg: 'unit', type: 'unit', help: 'only figures in this unit or currency (USD, users, percent...)' },
    { name: 'min', arg: 'n', type: 'number', help: 'only figures of at least n (100000000, 1e8, 100M)' },
    { name: 'max', arg: 'n', type: 'number', help: 'only figures of at most n' },
    {
      name: 'since',
      arg: 'date',
      type: 'date',
      help: 'only claims dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)',
    },
    { name: 'until', arg: 'date', type: 'date', help: 'only claims dated on or before' },
  ],
  list: {
    // Figures read best with what they measure and their value up front.
    columns: (o) =>
      o.kind === 'figure' || o.unit || o.min !== undefined || o.max !== undefined ? FIGURE_COLUMNS : CLAIM_COLUMNS,
    wide: ['text', 'measures', 'about'],
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
    return selectClaims(kb, o).map((c) => claimView(kb, c));
  },
});
