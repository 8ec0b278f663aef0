// Format 2's rules, record by record: zod (what the loader checks) and ajv with the exported
// JSON Schema (what an editor and CI check) give the same verdict on each case, valid and not;
// and the loader's message for each refused case names the field it is about.
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORDERED_KEYWORD } from '../src/load/jsonschema.js';
import { Claim, Entity } from '../src/load/schema.js';
import { validateData } from '../src/load/validate.js';
import { cli, json } from './helpers.js';

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true }).addKeyword({ ...ORDERED_KEYWORD });
const validators: Record<string, ValidateFunction> = {};
beforeAll(async () => {
  for (const name of ['claim', 'entity']) validators[name] = ajv.compile(json(await cli(['schema', name])));
});

const claim = { id: 'c', kind: 'statement', text: 'Words.', source: 's', paragraph: 2 };
const figure = {
  ...claim,
  kind: 'figure',
  value: { amount: 1, unit: 'users' },
  measure: 'users',
  measures: 'users',
};
const role = { id: 'r', kind: 'role', about: ['p'], role: 'CEO', source: 's', paragraph: 2 };

// [what, record, valid?, a word the loader's message holds]
const CLAIMS: [string, object, boolean, string?][] = [
  ['modality', { ...claim, modality: 'forecast' }, true],
  ['a modality not in the list', { ...claim, modality: 'prediction' }, false, 'modality'],
  ['by_inferred with by', { ...claim, by: 'p', by_inferred: 'no verb of saying' }, true],
  ['by_inferred without by', { ...claim, by_inferred: 'no verb of saying' }, false, 'by_inferred'],
  ['by_inferred with by null', { ...claim, by: null, by_inferred: 'x' }, false, 'by_inferred'],
  ['via with by', { ...claim, by: 'p', via: 'q' }, true],
  ['via without by', { ...claim, via: 'q' }, false, 'via'],
  ['via_inferred without via', { ...claim, by: 'p', via_inferred: 'x' }, false, 'via_inferred'],
  ['via null', { ...claim, via: null }, true],
  ['to an id', { ...claim, to: 'column' }, true],
  ['to with a paragraph', { ...claim, to: { id: 'column', paragraph: 12 } }, true],
  ['to with a misspelt field', { ...claim, to: { id: 'column', paragrph: 12 } }, false, 'paragrph'],
  ['to a number', { ...claim, to: 7 }, false, 'to'],
  ['repeats and contradicts', { ...claim, repeats: 'a', contradicts: ['b'] }, true],
  ['contradicts not a list', { ...claim, contradicts: 'b' }, false, 'contradicts'],
  ['a figure', figure, true],
  ['a figure without measure', { ...figure, measure: undefined }, false, 'measure'],
  ['a measure not in the list', { ...figure, measure: 'funding' }, false, 'measure'],
  ['a measure on a statement', { ...claim, measure: 'cost' }, false, 'measure'],
  ['one-sided: at least', { ...figure, value: { min: 1, unit: 'cent', per: 'answer' } }, true],
  ['one-sided: at most', { ...figure, value: { max: 1, unit: 'year' } }, true],
  ['approximate range', { ...figure, value: { min: 1, max: 9, approx: true, unit: 'parameters' } }, true],
  ['amount and min', { ...figure, value: { amount: 1, min: 1 } }, false, 'amount'],
  ['no amount, min or max', { ...figure, value: { unit: 'users' } }, false, 'amount'],
  ['min over max', { ...figure, value: { min: 9, max: 1 } }, false, 'min'],
  ['a plural unit', { ...figure, value: { amount: 2, unit: 'years' } }, false, 'year'],
  ['a unit with its period', { ...figure, value: { amount: 2, unit: 'users per day' } }, false, 'per: day'],
  ['a per not in the list', { ...figure, value: { amount: 2, unit: 'USD', per: 'annum' } }, false, 'per'],
  ['approx not a boolean', { ...figure, value: { amount: 2, approx: 'yes' } }, false, 'approx'],
  ['a qualifier', { ...claim, when: { date: '2021', qualifier: 'end' } }, true],
  ['a qualifier not in the list', { ...claim, when: { date: '2021', qualifier: 'ende' } }, false, 'qualifier'],
  ['a basis elsewhere', { ...claim, when: { date: '2020-07', basis: 'released in July 2020', paragraph: 87 } }, true],
  ['when.paragraph without basis', { ...claim, when: { date: '2020-07', paragraph: 87 } }, false, 'basis'],
  ['a role', role, true],
  ['a role with an organisation and text', { ...role, org: 'o', text: 'CEO of O' }, true],
  ['a role without role words', { ...role, role: undefined }, false, 'role'],
  ['a role about two', { ...role, about: ['p', 'q'] }, false, 'about'],
  ['a role about nobody', { ...role, about: [] }, false, 'about'],
  ['role words on a statement', { ...claim, role: 'CEO' }, false, 'role'],
  ['org on a quote', { ...claim, kind: 'quote', org: 'o' }, false, 'org'],
  ['a statement without text', { ...claim, text: undefined }, false, 'text'],
];

const entity = { id: 'e', type: 'company', name: 'E' };
const ENTITIES: [string, object, boolean, string?][] = [
  ['identity, short', { ...entity, identity: 'anonymous' }, true],
  ['identity stated', { ...entity, type: 'person', identity: { value: 'pseudonym', paragraph: 104 } }, true],
  ['identity the editor’s', { ...entity, identity: { value: 'group', editor: true } }, true],
  [
    'identity with both bases',
    { ...entity, identity: { value: 'group', editor: true, paragraph: 3 } },
    false,
    'identity',
  ],
  ['identity with no basis', { ...entity, identity: { value: 'group' } }, false, 'identity'],
  ['identity not in the list', { ...entity, identity: 'secret' }, false, 'identity'],
  ['identity on a product', { ...entity, type: 'product', identity: 'named' }, false, 'identity'],
  ['country stated', { ...entity, country: { code: 'CN', paragraph: 71 } }, true],
  ['country stated, with its source', { ...entity, country: { code: 'CN', paragraph: 71, source: 's' } }, true],
  ['country not ISO', { ...entity, country: { code: 'UK', paragraph: 1 } }, false, 'GB'],
  ['country without paragraph', { ...entity, country: { code: 'CN' } }, false, 'paragraph'],
  ['country on a person', { ...entity, type: 'person', editor: { country: 'CN' } }, false, 'country'],
  ['country twice', { ...entity, country: { code: 'CN', paragraph: 1 }, editor: { country: 'CN' } }, false, 'once'],
  ['editor', { ...entity, editor: { names: ['小冰'], country: 'CN', identification: 'x', wikidata: 'Q1' } }, true],
  ['editor with a misspelt field', { ...entity, editor: { nmaes: ['x'] } }, false, 'nmaes'],
  ['a Wikidata id without Q', { ...entity, editor: { wikidata: '14772' } }, false, 'wikidata'],
  ['segments, both forms', { ...entity, segments: ['a', { id: 'b', paragraph: 31 }] }, true],
  ['a listed segment without paragraph', { ...entity, segments: [{ id: 'b' }] }, false, 'paragraph'],
  ['a segment as a number', { ...entity, segments: [3] }, false, 'segments'],
  ['a relation stated', { ...entity, relations: [{ kind: 'maker', to: 'o', paragraph: 3 }] }, true],
  ['a relation the editor’s', { ...entity, relations: [{ kind: 'maker', to: 'o', editor: true }] }, true],
  ['a relation without basis', { ...entity, relations: [{ kind: 'maker', to: 'o' }] }, false, 'basis'],
  [
    'a relation with both',
    { ...entity, relations: [{ kind: 'maker', to: 'o', paragraph: 3, editor: true }] },
    false,
    'both',
  ],
  ['editor: false', { ...entity, relations: [{ kind: 'maker', to: 'o', editor: false }] }, false, 'editor'],
  ['works_at', { ...entity, relations: [{ kind: 'works_at', to: 'o', editor: true }] }, false, 'role claim'],
];

const message = (section: 'claims' | 'entities', record: object) =>
  validateData({ [section]: [record] })
    .problems.map((p) => p.message)
    .join('\n');

describe.each([
  ['claim', 'claims', Claim, CLAIMS],
  ['entity', 'entities', Entity, ENTITIES],
] as const)('a %s', (name, section, schema, cases) => {
  it.each(cases)('%s', (_, record, valid, word) => {
    expect(schema.safeParse(record).success).toBe(valid);
    expect(validators[name](record), JSON.stringify(validators[name].errors)).toBe(valid);
    if (!valid) expect(message(section, record)).toContain(word);
  });
});
