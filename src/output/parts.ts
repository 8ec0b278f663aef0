// The named parts of the output shapes (src/output/shapes.ts): the references, values, dates and
// bases that many rows share. Each is registered once, so that the JSON Schemas name it as a
// definition and the manual's table of parts lists it.
import { z } from 'zod';
import { DATE, DERIVED_KINDS, ENTITY_TYPES, IDENTITIES, INVERSE, QUALIFIERS, RELATION_KINDS, SLUG } from '../model.js';
import { PERS, UNITS } from '../load/units.js';

// Each named part becomes a definition of the exported JSON Schema (zod reads `id` from this
// registry), so a reader sees `entity-ref` once rather than its fields at every use.
export const parts = z.registry<{ id?: string; description?: string }>();
export const named = <T extends z.ZodType>(schema: T, id: string, description: string): T => {
  parts.add(schema, { id, description });
  return schema;
};
// A field's description goes on a copy: the same schema serves many fields (and a named part,
// so described, is written out in place rather than referred to).
export const about = <T extends z.ZodType>(schema: T, description: string): T => {
  const copy = schema.clone() as T;
  parts.add(copy, { description });
  return copy;
};

export const id = z.string().regex(SLUG);
export const str = z.string();
export const count = z.number().int().nonnegative();
export const dateText = z.string().regex(DATE);
export const ORG = ['company', 'investor', 'organisation'] as const;

export const EntityRef = named(
  z.strictObject({ id, name: str, type: z.enum(ENTITY_TYPES) }),
  'entity-ref',
  'an entity, by id and name, with its type',
);
export const NameRef = named(
  z.strictObject({ id, name: str }),
  'name-ref',
  'an entity or a source, by id and name (a source is named by its title)',
);

export const paragraphNo = z.number().int().positive();
export const Basis = z.enum(['source', 'editor']);

export const Value = named(
  z.strictObject({
    amount: about(z.number().optional(), 'the amount, when the source gives one number'),
    min: about(z.number().optional(), 'the lower end of a range; alone, "at least"'),
    max: about(z.number().optional(), 'the upper end of a range; alone, "at most" or "less than"'),
    unit: about(z.enum(UNITS).optional(), 'from the unit vocabulary; absent where the source gives none'),
    per: about(z.enum(PERS).optional(), 'the period or denominator: "a year" is per year'),
    approx: about(
      z.boolean().optional(),
      'the source says "about" (or gives a round phrase such as "tens of billions")',
    ),
  }),
  'value',
  "a figure's value: an amount, or a range from min to max of which one end may be open",
);
export const Precision = z.enum(['year', 'month', 'day']);
export const When = named(
  z.strictObject({
    date: about(dateText, 'YYYY, YYYY-MM or YYYY-MM-DD'),
    end: about(dateText.optional(), 'the end of a period, if the claim spans one'),
    qualifier: about(z.enum(QUALIFIERS).optional(), 'the source\'s qualifier: "end of 2021" is end, "by 2026" is by'),
    inferred: about(z.boolean(), 'the date is worked out, not printed in the source'),
    basis: about(str.optional(), 'the words the date rests on'),
    paragraph: about(paragraphNo.optional(), "the paragraph of the basis, when not the claim's own"),
    precision: about(Precision, "the date's precision: year, month or day"),
  }),
  'when',
  'when a claim happened or applies',
);

export const SpeakerRef = named(
  z.strictObject({
    id,
    name: str,
    type: z.enum(ENTITY_TYPES),
    inferred: about(
      str.nullable(),
      'when the source does not name them in a clause of saying: why the KB reads it so; else null',
    ),
  }),
  'speaker-ref',
  'who said a claim, or relayed it, with the basis when that is inferred',
);
export const BasedRef = named(
  z.strictObject({
    id,
    name: str,
    type: z.enum(ENTITY_TYPES),
    basis: about(Basis, 'source: the source states it (at `paragraph`); editor: the editor supplied it'),
    paragraph: about(paragraphNo.nullable(), "where the source states it; null for the editor's"),
  }),
  'based-ref',
  'an entity linked with its basis: stated by the source, or supplied by the editor',
);
export const Addressee = named(
  z.strictObject({
    id,
    name: str,
    type: z.enum(ENTITY_TYPES),
    paragraph: about(paragraphNo.nullable(), "where the source says so, when not the claim's own paragraph"),
  }),
  'addressee',
  'whom a claim was said to: a column, reporters, a channel such as WeChat Moments',
);
export const IdentityView = named(
  z.strictObject({
    value: about(z.enum(IDENTITIES), IDENTITIES.join(', ')),
    basis: about(
      Basis.nullable(),
      "source (stated at `paragraph`), editor (the editor's reading), or null when not recorded",
    ),
    paragraph: about(paragraphNo.nullable(), 'where the source states it'),
  }),
  'identity',
  'whether a person or an organisation is named, under a pseudonym, anonymous or a group',
);
export const CountryView = named(
  z.strictObject({
    code: about(str, 'ISO 3166-1 alpha-2'),
    name: about(str, 'its English name'),
    basis: about(Basis, 'source: stated at `paragraph`; editor: supplied by the editor'),
    paragraph: about(paragraphNo.nullable(), 'where the source states it'),
  }),
  'country',
  "an organisation's country, with its basis",
);
export const EditorView = named(
  z.strictObject({
    names: about(z.array(str), 'real or Chinese names the source does not print (they resolve like aliases)'),
    identification: about(str.nullable(), 'how a garbled or partial name was identified'),
    wikidata: about(str.nullable(), 'a Wikidata item id, where certain'),
  }),
  'editor',
  "what the editor supplied that the source does not say; never the source's words",
);

const roleBasis = {
  claim: about(id, 'the role claim'),
  source: about(id, 'its source'),
  paragraph: about(paragraphNo, 'its paragraph'),
};
export const Role = named(
  z.union([
    z.strictObject({ role: str, org: NameRef.nullable(), ...roleBasis }),
    z.strictObject({ role: str, person: NameRef, ...roleBasis }),
  ]),
  'role',
  "a role claim, in the source's words: on a person, the organisation (`org`, null for none); on an organisation, the person (`person`)",
);
export const RelationRow = named(
  z.strictObject({
    kind: z.enum([...RELATION_KINDS, ...DERIVED_KINDS, ...new Set(Object.values(INVERSE))]),
    entity: EntityRef,
    role: about(str.nullable(), 'works_at and employs: the roles, joined; otherwise null'),
    note: str.nullable(),
    basis: about(Basis, 'source (stated at `paragraph`; works_at from role claims) or editor'),
    paragraph: about(paragraphNo.nullable(), 'where the source states it'),
  }),
  'relation',
  'a relation, stored (maker, part_of...), derived from role claims (works_at), or seen from the other side (employs, makes, has_part...)',
);
export const SpeakerRole = named(
  z.strictObject({ role: str, org: NameRef.nullable(), paragraph: paragraphNo }),
  'speaker-role',
  "the speaker's role when they spoke: their role claim in the same source nearest at or before the claim",
);
export const Cite = named(
  z.strictObject({ id, source: id, paragraph: paragraphNo }),
  'cite',
  'a claim by its id, source and paragraph',
);

// The types of the parts, for the code that makes them.
export type EntityRef = z.infer<typeof EntityRef>;
export type NameRef = z.infer<typeof NameRef>;
export type ValueView = z.infer<typeof Value>;
export type SpeakerRefView = z.infer<typeof SpeakerRef>;
export type BasedRefView = z.infer<typeof BasedRef>;
export type IdentityRow = z.infer<typeof IdentityView>;
export type CountryRow = z.infer<typeof CountryView>;
export type SpeakerRoleView = z.infer<typeof SpeakerRole>;
export type WhenView = z.infer<typeof When>;
export type RoleView = z.infer<typeof Role>;
export type RelationView = z.infer<typeof RelationRow>;
