// JSON Schemas of what a KB file may hold, generated from the zod schemas with io 'input' (what
// YAML may say, before defaults and transforms: a date may be the number 2022). zod's checks
// written as code (refine, superRefine, trim) do not reach JSON Schema by themselves; those
// that JSON Schema can say are written here by hand, so that an editor, ajv and the loader give
// one verdict on a file. Two compare two values of a record, which JSON Schema cannot: a range's
// min not over its max, and a period's end not before its date. They are written in a keyword of
// aigc's own, ORDERED, which an editor ignores and a validator checks once given ORDERED_KEYWORD.
// A URL is checked by the loader with the WHATWG URL parser; here it needs only a scheme.
import { z } from 'zod';
import { ORG_TYPES } from '../model.js';
import { TEXT_CHARS_PATTERN } from './chars.js';
import { Claim, dateText, Entity, IdentityBasis, Relation, Source, TextFingerprint, Value, When } from './schema.js';

export const KB_FORMAT_VERSION = 2;

const section = <T extends z.ZodType>(record: T) => z.array(record).nullable().optional();
// The file as the loader takes it (src/load/validate.ts): empty, or a mapping of these three
// lists, each of which may be empty (`claims:` with nothing under it yet); nothing else.
export const KbFile = z
  .strictObject({ sources: section(Source), entities: section(Entity), claims: section(Claim) })
  .nullable();

// A real day: months of 30 and 31 days, and 29 February of a leap year only. Years 0-99 count
// as 1900-1999 in the loader's check (Date.UTC), so 0000-02-29 is refused as 1900's would be.
const MONTH = '(?:0[1-9]|1[0-2])';
const DAY =
  '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))';
const LEAP_YEAR = '(?:\\d\\d(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)';
export const DATE_PATTERN = `^(?:\\d{4}(?:-${MONTH})?|\\d{4}-${DAY}|${LEAP_YEAR}-02-29)$`;

const DATE_SCHEMA = {
  anyOf: [
    { type: 'string', pattern: DATE_PATTERN },
    { type: 'integer', minimum: 1000, maximum: 9999, description: 'a year, as YAML reads 2022' },
  ],
};
// Text: something besides white space, and no control character (src/load/chars.ts).
const TEXT_PATTERN = TEXT_CHARS_PATTERN.replace('^', '^(?=[\\s\\S]*\\S)');
const URL_PATTERN = TEXT_CHARS_PATTERN.replace('^', '^(?=\\s*[A-Za-z][A-Za-z0-9+.-]*:)');

// `"x-aigc-ordered": [["min", "max"]]`: where both are present, the first is not above the second,
// compared as the loader compares them (numbers as numbers; a date as its text, a year included).
export const ORDERED = 'x-aigc-ordered';
export function inOrder(pairs: [string, string][], data: Record<string, unknown>): boolean {
  return pairs.every(([lo, hi]) => {
    const a = data[lo];
    const b = data[hi];
    if (a === undefined || b === undefined) return true;
    return typeof a === 'number' && typeof b === 'number' ? a <= b : String(a) <= String(b);
  });
}
// The keyword as ajv (or any validator with custom keywords) takes it.
export const ORDERED_KEYWORD = { keyword: ORDERED, type: 'object', schemaType: 'array', validate: inOrder } as const;

const kindIs = (kind: string) => ({ properties: { kind: { const: kind } }, required: ['kind'] });
const given = (field: string) => ({ required: [field], properties: { [field]: { type: 'string' } } });
const CLAIM_RULES = [
  {
    description: 'a figure needs `value`, `measures` and `measure`; only a figure has a value or a measure',
    if: kindIs('figure'),
    then: { required: ['value', 'measures', 'measure'] },
    else: { not: { anyOf: [{ required: ['value'] }, { required: ['measure'] }] } },
  },
  { description: 'an event needs `when`', if: kindIs('event'), then: { required: ['when'] } },
  {
    description:
      'a role claim needs `role` and is about exactly one person; other claims need `text` and have no role or org',
    if: kindIs('role'),
    then: { required: ['role', 'about'], properties: { about: { minItems: 1, maxItems: 1 } } },
    else: { required: ['text'], not: { anyOf: [{ required: ['role'] }, { required: ['org'] }] } },
  },
  { description: '`by_inferred` needs `by`', if: { required: ['by_inferred'] }, then: given('by') },
  { description: '`via_inferred` needs `via`', if: { required: ['via_inferred'] }, then: given('via') },
  { description: '`via` needs `by`', if: given('via'), then: given('by') },
];

const NOT_ORG = ['person', 'product', 'segment'];
const typeIn = (types: string[]) => ({ properties: { type: { enum: types } }, required: ['type'] });
const ENTITY_RULES = [
  {
    description: 'only a person or an organisation has an identity',
    if: typeIn(['product', 'segment']),
    then: { not: { required: ['identity'] } },
  },
  {
    description: 'only an organisation has a country',
    if: typeIn(NOT_ORG),
    then: {
      not: {
        anyOf: [{ required: ['country'] }, { required: ['editor'], properties: { editor: { required: ['country'] } } }],
      },
    },
  },
  {
    description: 'the country is given once: `country` (stated) or `editor.country`',
    not: { required: ['country', 'editor'], properties: { editor: { required: ['country'] } } },
  },
];
// Checked to agree: the organisation types are the ones the rules above leave a country.
if (ORG_TYPES.some((t) => NOT_ORG.includes(t))) throw new Error('NOT_ORG lists an organisation type');

const ONE_OF_BASES = {
  anyOf: [{ required: ['paragraph'] }, { required: ['editor'] }],
  not: { required: ['paragraph', 'editor'] },
};
const ENDS = [{ required: ['min'] }, { required: ['max'] }];
const VALUE_RULES = {
  anyOf: [{ required: ['amount'] }, ...ENDS],
  not: { required: ['amount'], anyOf: ENDS },
};

const DESCRIPTIONS = new Map<z.ZodType, [string, string]>([
  [Source, ['source', 'a source: where claims come from, and how its paragraphs are numbered']],
  [
    TextFingerprint,
    [
      'text-fingerprint',
      "the fingerprint of a source's text (the text itself stays out of the KB): the SHA-256 of its paragraphs, as `paragraphs` numbers them, joined by a blank line, and how many there are",
    ],
  ],
  [
    Entity,
    [
      'entity',
      'a company, investor, organisation, person, product or segment; what the editor knows and the source does not say goes under `editor`',
    ],
  ],
  [
    Claim,
    [
      'claim',
      'a quote (verbatim), a statement, a figure (a typed value), an event (dated) or a role; source and paragraph are required',
    ],
  ],
  [
    Relation,
    [
      'relation',
      'a relation stored in one direction (maker, part_of, invests_in, based_on, related_to), stated by the source (`paragraph`) or supplied by the editor (`editor: true`)',
    ],
  ],
  [
    Value,
    [
      'value',
      "a figure's value: {amount} or a range {min, max} (one end may be open); unit and per from the vocabulary; min must not exceed max (x-aigc-ordered)",
    ],
  ],
  [
    When,
    [
      'when',
      'a date, with an end for a period and the qualifier the source gives; end must not precede date (x-aigc-ordered)',
    ],
  ],
  [dateText, ['date', 'YYYY, YYYY-MM or YYYY-MM-DD naming a real day']],
]);

export type JsonSchema = Record<string, unknown>;

// A record's schema, or the whole file's. Parts used in several places are definitions.
export function kbJsonSchema(root: z.ZodType): JsonSchema {
  const metadata = z.registry<{ id?: string; description?: string }>();
  for (const [schema, [id, description]] of DESCRIPTIONS)
    metadata.add(schema, schema === root ? { description } : { id, description });
  const text = Source.shape.title;
  const url = Source.shape.url.unwrap();
  const schema = z.toJSONSchema(root, {
    target: 'draft-07',
    io: 'input',
    metadata,
    override: ({ zodSchema, jsonSchema }) => {
      const js = jsonSchema as JsonSchema;
      // zod trims text before it counts it: blank text is empty.
      if (zodSchema === text) js.pattern = TEXT_PATTERN;
      else if (zodSchema === url) {
        delete js.format;
        js.pattern = URL_PATTERN;
      } else if (zodSchema === dateText) {
        for (const k of Object.keys(js)) if (k !== 'description') delete js[k];
        Object.assign(js, DATE_SCHEMA);
      } else if (zodSchema === Claim) js.allOf = CLAIM_RULES;
      else if (zodSchema === Entity) js.allOf = ENTITY_RULES;
      else if (zodSchema === Relation || zodSchema === IdentityBasis) Object.assign(js, ONE_OF_BASES);
      else if (zodSchema === Value) Object.assign(js, VALUE_RULES, { [ORDERED]: [['min', 'max']] });
      else if (zodSchema === When)
        Object.assign(js, { [ORDERED]: [['date', 'end']], dependencies: { paragraph: ['basis'] } });
    },
  }) as JsonSchema;
  delete schema.$schema; // the caller puts it first, with the schema's $id
  return schema;
}
