// The filters every claim listing has (claims, quotes, timeline), declared once; each command
// adds them to its own flags and passes what it gets to selectClaims (src/query/select.ts).
import { FAMILIES } from '../load/units.js';
import { CLAIM_KINDS, MEASURES, MODALITIES, SPEAKER_TYPES } from '../model.js';
import type { Flag } from './define.js';

const subject: Flag[] = [
  {
    name: 'about',
    arg: 'name',
    type: { entity: 'any', noun: 'subject' },
    repeatable: true,
    help: 'only claims about this entity (repeatable, or a comma list: any of them)',
  },
  {
    name: 'with-products',
    help: "with --about an organisation: its parts' and its products' claims too",
  },
];

const speaker = (name: 'by' | 'speaker', kinds?: readonly string[]): Flag => ({
  name,
  arg: 'name',
  type: { entity: SPEAKER_TYPES, noun: 'speaker', speaker: kinds ?? true },
  repeatable: true,
  help: `only ${kinds ? 'quotes' : 'claims'} by this person or organisation, or relayed by them (\`via\`; repeatable, or a comma list)`,
});

// Who said it, to whom, through whom, and how sure the KB is of the speaker.
const attribution: Flag[] = [
  {
    name: 'by-author',
    help: "only claims by the author of their source: what the source itself concludes (its writer's own statements)",
  },
  {
    name: 'via',
    arg: 'name',
    type: { entity: SPEAKER_TYPES, noun: 'speaker' },
    repeatable: true,
    help: 'only claims relayed by this person or organisation (repeatable, or a comma list)',
  },
  {
    name: 'to',
    arg: 'name',
    type: { entity: 'any', noun: 'addressee' },
    repeatable: true,
    help: 'only claims said to this entity: a column, reporters, a channel (repeatable, or a comma list)',
  },
  {
    name: 'inferred-speaker',
    help: 'only claims whose speaker (or relay) the KB infers: the source names them in no clause of saying',
  },
];

const modality: Flag = {
  name: 'modality',
  arg: 'modality',
  type: { choice: MODALITIES },
  repeatable: true,
  help: `only this modality: ${MODALITIES.join('|')} (repeatable, or a comma list)`,
};

const figures: Flag[] = [
  {
    name: 'unit',
    arg: 'unit',
    type: 'unit',
    repeatable: true,
    help: `only figures in this unit, whatever their period (users finds users per day), or in a family: ${FAMILIES.join('|')}`,
  },
  {
    name: 'measure',
    arg: 'kind',
    type: { choice: MEASURES },
    repeatable: true,
    help: `only figures measuring this: ${MEASURES.join('|')} (repeatable, or a comma list)`,
  },
  { name: 'min', arg: 'n', type: 'number', help: 'only figures of at least n (100000000, 1e8, 100M)' },
  { name: 'max', arg: 'n', type: 'number', help: 'only figures of at most n' },
];

const dates: Flag[] = [
  {
    name: 'since',
    arg: 'date',
    type: 'date',
    help: 'only claims whose dates reach on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)',
  },
  { name: 'until', arg: 'date', type: 'date', help: 'only claims whose dates reach on or before this date' },
  {
    name: 'within',
    arg: 'period',
    type: 'period',
    help: 'only claims dated entirely inside this period: a date (2023-01 is all of January) or FROM..TO',
  },
];

const where: Flag[] = [
  {
    name: 'paragraph',
    arg: 'n',
    type: 'paragraphs',
    repeatable: true,
    help: 'only claims citing this paragraph, or N-M (repeatable, or a comma list)',
  },
  {
    name: 'match',
    arg: 'text',
    help: 'only claims whose text, measure or note holds these words (or "a phrase"), in any case or accent',
  },
];

const kind: Flag = {
  name: 'kind',
  arg: 'kind',
  type: { choice: CLAIM_KINDS },
  repeatable: true,
  help: `only this kind: ${CLAIM_KINDS.join('|')} (repeatable, or a comma list)`,
};

// claims and quotes fold a repeat into the claim it repeats, citing both paragraphs.
const apart: Flag = {
  name: 'collapse',
  negate: true,
  help: 'show each repeat on a row of its own, rather than folded into the claim it repeats',
};

export const CLAIM_FLAGS = {
  claims: [...subject, speaker('by'), ...attribution, kind, modality, ...figures, ...dates, ...where, apart],
  quotes: [speaker('speaker', ['quote']), ...subject, ...attribution, modality, ...dates, ...where, apart],
  timeline: [...subject, speaker('by'), ...attribution, kind, modality, ...figures, ...dates, ...where],
};
