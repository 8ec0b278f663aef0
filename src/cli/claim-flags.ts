// The filters every claim listing has (claims, quotes, timeline), declared once; each command
// adds them to its own flags and passes what it gets to selectClaims (src/query/select.ts).
import { CLAIM_KINDS, SPEAKER_TYPES } from '../model.js';
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
  help: `only ${kinds ? 'quotes' : 'claims'} by this person or organisation (repeatable, or a comma list)`,
});

const figures: Flag[] = [
  {
    name: 'unit',
    arg: 'unit',
    type: 'unit',
    repeatable: true,
    help: 'only figures in this unit or currency (USD, users, percent...)',
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

export const CLAIM_FLAGS = {
  claims: [...subject, speaker('by'), kind, ...figures, ...dates, ...where],
  quotes: [speaker('speaker', ['quote']), ...subject, ...dates, ...where],
  timeline: [...subject, speaker('by'), kind, ...figures, ...dates, ...where],
};
