// The documented shape of each command's JSON output: one row of a list command (or the card of
// `show`), as zod schemas. This is the one definition: the view builders (src/query/views.ts,
// src/commands/*.ts) take their return types from here with `import type`, which the build
// erases, so the compiler holds what they emit to these shapes while the query path never loads
// zod. `aigc schema` makes the JSON Schemas of the output from them.
//
// The shape version is part of each output schema's $id. Within a version, fields may be added;
// a field is never removed, renamed or retyped without a new version.
import { z } from 'zod';
import type { ShapeName } from '../commands/schema.js';
import { EDGE_KINDS } from '../graph/build.js';
import {
  CLAIM_KINDS,
  DATE,
  DERIVED_KINDS,
  ENTITY_TYPES,
  IDENTITIES,
  INVERSE,
  MEASURES,
  MODALITIES,
  PARAGRAPH_SCHEMES,
  QUALIFIERS,
  RELATION_KINDS,
  SLUG,
  SOURCE_KINDS,
} from '../model.js';
import { PERS, UNITS } from '../load/units.js';

// 2: the knowledge model of KB format 2 (modality, attribution, identity, roles as claims,
// country, editor-supplied knowledge, membership and relation bases, repeats and conflicts).
export const SHAPE_VERSION = 2;

// Each named part becomes a definition of the exported JSON Schema (zod reads `id` from this
// registry), so a reader sees `entity-ref` once rather than its fields at every use.
export const parts = z.registry<{ id?: string; description?: string }>();
const named = <T extends z.ZodType>(schema: T, id: string, description: string): T => {
  parts.add(schema, { id, description });
  return schema;
};
// A field's description goes on a copy: the same schema serves many fields (and a named part,
// so described, is written out in place rather than referred to).
const about = <T extends z.ZodType>(schema: T, description: string): T => {
  const copy = schema.clone() as T;
  parts.add(copy, { description });
  return copy;
};

const id = z.string().regex(SLUG);
const str = z.string();
const count = z.number().int().nonnegative();
const dateText = z.string().regex(DATE);
const ORG = ['company', 'investor', 'organisation'] as const;

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

const paragraphNo = z.number().int().positive();
const Basis = z.enum(['source', 'editor']);

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
const Precision = z.enum(['year', 'month', 'day']);
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
const Cite = named(
  z.strictObject({ id, source: id, paragraph: paragraphNo }),
  'cite',
  'a claim by its id, source and paragraph',
);

const entityFields = {
  id: about(id, 'the id'),
  type: about(z.enum(ENTITY_TYPES), 'company, investor, organisation, person, product or segment'),
  name: about(str, 'the name'),
  aliases: about(z.array(str), 'other names, as the source writes them'),
  identity: about(IdentityView, 'named, pseudonym, anonymous or group, with its basis'),
  description: about(str.nullable(), 'what it is'),
  segments: about(z.array(BasedRef), 'its segments: listed by the source (basis source) or tagged by the editor'),
  country: about(CountryView.nullable(), "an organisation's country, with its basis; null when not recorded"),
  editor: about(EditorView.nullable(), 'what the editor supplied (names, identification, Wikidata id), or null'),
  roles: about(z.array(Role), "its role claims: a person's roles, an organisation's people"),
  makers: about(z.array(BasedRef), "a product's makers, each with its basis"),
  products: about(z.array(BasedRef), "an organisation's products, each with its basis"),
  relations: about(z.array(RelationRow), 'every relation, both ways'),
  sources: about(z.array(NameRef), 'the sources it is cited in'),
  note: about(str.nullable(), "an editor's note"),
};
// Any entity's row; each list command narrows `type` to the types it lists.
const EntityRowSchema = z.strictObject(entityFields);
const entityRow = (types: readonly [string, ...string[]], id: string, description: string) =>
  named(z.strictObject({ ...entityFields, type: about(z.enum(types), types.join(', ')) }), id, description);

const claimFields = {
  id: about(id, 'the id'),
  kind: about(z.enum(CLAIM_KINDS), CLAIM_KINDS.join(', ')),
  modality: about(z.enum(MODALITIES), `${MODALITIES.join(', ')}; happened unless the KB says otherwise`),
  by: about(SpeakerRef.nullable(), 'who said or asserted it; null when the source itself states it'),
  speaker_role: about(SpeakerRole.nullable(), "the speaker's role when they said it, or null"),
  via: about(SpeakerRef.nullable(), 'who relayed the words of `by`, or null'),
  to: about(Addressee.nullable(), 'whom it was said to, or null'),
  about: about(z.array(EntityRef), 'what it is about (a role claim: the person)'),
  text: about(str, "a quote's verbatim words, a short paraphrase, or a role as a phrase"),
  role: about(str.nullable(), "a role claim: the role in the source's words; null for other kinds"),
  org: about(EntityRef.nullable(), 'a role claim: the organisation, or null'),
  value: about(Value.nullable(), "a figure's value; null for other kinds"),
  measure: about(z.enum(MEASURES).nullable(), "a figure's kind of measure; null for other kinds"),
  measures: about(str.nullable(), 'what a figure measures, in words'),
  when: about(When.nullable(), 'when, if dated'),
  source: about(NameRef, 'the source, by id and title'),
  paragraph: about(paragraphNo, "the paragraph of the source, counted by the source's `paragraphs` scheme"),
  paragraphs: about(
    z.array(paragraphNo),
    'every paragraph that says it: its own, and those of the repeats folded into this row',
  ),
  repeats: about(id.nullable(), 'the claim this one says again, or null'),
  repeated_by: about(z.array(Cite), 'the repeats folded into this row (claims collapses them by default)'),
  contradicts: about(z.array(id), 'the claims this one is in tension with, stated on either side'),
  note: about(str.nullable(), "an editor's note"),
  context: about(
    str.nullable().optional(),
    "with --context: the paragraph the claim cites, from the source's attached text; null when none is attached",
  ),
};
export const ClaimRow = named(z.strictObject(claimFields), 'claim', 'a claim, every reference resolved');
export const QuoteRow = named(
  z.strictObject({ ...claimFields, kind: about(z.literal('quote'), 'quote') }),
  'quote',
  'a verbatim quote',
);

export const TextFingerprint = named(
  z.strictObject({
    sha256: about(z.string().regex(/^[0-9a-f]{64}$/), 'the SHA-256 of the paragraphs joined by a blank line'),
    paragraphs: about(z.number().int().positive(), 'how many paragraphs the text has'),
  }),
  'text-fingerprint',
  "the fingerprint of a source's text, which an attached copy must match",
);
const sourceFields = {
  id: about(id, 'the id'),
  kind: about(z.enum(SOURCE_KINDS), SOURCE_KINDS.join(', ')),
  title: about(str, 'the title'),
  publisher: about(str, 'the outlet that published this text'),
  column: about(str.nullable(), 'the column or programme it was written for, or null'),
  author: about(EntityRef.nullable(), 'the writer, or null when not recorded'),
  published: about(dateText, 'YYYY, YYYY-MM or YYYY-MM-DD'),
  published_inferred: about(z.boolean(), 'the date is worked out, not printed'),
  updated: about(dateText.nullable(), 'when the text was last updated, or null'),
  language: about(str, 'the language of the text the KB cites'),
  translated_from: about(str.optional(), 'the original language, for a translation (absent otherwise)'),
  machine_translated: about(z.boolean(), 'the text is a machine translation'),
  paragraphs: about(z.enum(PARAGRAPH_SCHEMES), 'how paragraph locators are counted'),
  text: about(TextFingerprint.nullable(), 'the fingerprint of the text the claims cite, or null when not recorded'),
  note: about(str.optional(), "an editor's note (absent when there is none)"),
  url: about(str.nullable(), 'where it was published'),
  claims: about(count, 'how many claims cite it'),
};
export const SourceRow = named(z.strictObject(sourceFields), 'source', 'a source, with how many claims cite it');

// Where an attached text was found: the user's store of texts (`aigc source attach`), a folder
// named by --texts or AIGC_TEXTS, or a file named for one run (`validate --source-text`).
export const TextOrigin = named(
  z.strictObject({
    from: about(z.enum(['store', 'folder', 'file']), 'store (aigc source attach), folder (--texts) or file'),
    path: about(str, 'the file read'),
  }),
  'text-origin',
  'where the attached copy of a text was found',
);
export const SourceCard = named(
  z.strictObject({
    ...sourceFields,
    attached: about(TextOrigin.nullable(), 'where its attached text comes from, or null when none is attached'),
  }),
  'source-card',
  'a source, with whether a copy of its text is attached',
);
export const ParagraphRow = named(
  z.strictObject({
    source: about(id, "the source's id"),
    paragraph: about(z.number().int().positive(), 'its number, from 1'),
    text: about(str, 'the paragraph, as the attached text has it'),
  }),
  'paragraph',
  "a paragraph of a source's attached text",
);

export const SegmentRow = named(
  z.strictObject({
    id: about(id, 'the id'),
    name: about(str, 'the name'),
    aliases: about(z.array(str), 'other names'),
    members: about(count, 'how many organisations and products are under it'),
    listed: about(count, "how many of them the source itself lists under it (the rest are the editor's tags)"),
    orgs: about(count, 'how many organisations are under it'),
    prods: about(count, 'how many products are under it'),
    organisations: about(z.array(BasedRef), 'its organisations, each listed by the source or tagged by the editor'),
    products: about(z.array(BasedRef), 'its products, each listed by the source or tagged by the editor'),
    description: about(str.nullable(), 'what it covers'),
  }),
  'segment',
  'a segment with its members',
);

export const SearchHit = named(
  z.strictObject({
    type: about(z.enum([...ENTITY_TYPES, ...CLAIM_KINDS, 'source']), 'an entity type, a claim kind, or source'),
    id: about(id, 'the id'),
    name: about(str, "the entity's name, the source's title or the claim's text"),
    score: about(z.number().min(0).max(1), 'from 0 to 1, 1 the best'),
    field: about(
      z.enum(['name', 'aliases', 'editor.names', 'title', 'text', 'measures', 'description', 'note']),
      "the field that matched best: name, aliases, editor.names (the editor's), title, text, measures, description or note",
    ),
    match: about(str, "that field's text"),
    span: about(
      z.tuple([count, count]).nullable(),
      "where in `match` the query's words were found: [start, end) in UTF-16 code units, or null for a loose match",
    ),
  }),
  'search-hit',
  'a search hit, best first',
);

const n = (what: string) => about(count, what);
export const StatsRow = named(
  z.strictObject({
    source: about(str, '`all`, or a source id'),
    orgs: n('companies, investors and organisations together'),
    companies: n('companies'),
    investors: n('investors'),
    organisations: n('organisations'),
    people: n('people'),
    products: n('products'),
    segments: n('segments'),
    quotes: n('quotes'),
    statements: n('statements'),
    figures: n('figures'),
    events: n('events'),
    roles: n('role claims'),
  }),
  'stats',
  'counts for the whole KB (`all`) or for one source; an entity counts under each source it cites',
);

export const TimelineRow = named(
  z.strictObject({
    id: about(id, "the claim's id"),
    kind: about(z.enum(CLAIM_KINDS), 'event or figure, or another claim that carries a date'),
    modality: about(z.enum(MODALITIES), 'a forecast or a plan is dated when it is foreseen, not when it happened'),
    date: about(dateText, 'YYYY, YYYY-MM or YYYY-MM-DD'),
    end: about(dateText.nullable(), 'the end of a period, or null'),
    qualifier: about(z.enum(QUALIFIERS).nullable(), "the source's qualifier of the date (end, by, around...), or null"),
    precision: about(Precision, "the date's precision: year, month or day"),
    inferred: about(z.boolean(), 'the date is worked out, not printed in the source'),
    basis: about(str.nullable(), 'for an inferred date: the words it was resolved from'),
    text: about(str, 'what happened'),
    about: about(z.array(EntityRef), 'what it is about'),
    by: about(SpeakerRef.nullable(), 'who said it, or null'),
    value: about(Value.nullable(), "a figure's value, or null"),
    measures: about(str.nullable(), 'what a figure measures, or null'),
    source: about(NameRef, 'the source, by id and title'),
    paragraph: about(z.number().int().positive(), 'the paragraph of the source'),
    context: claimFields.context,
  }),
  'timeline-entry',
  'a dated claim: an event, a figure, or any claim with `when`',
);

export const ConflictRow = named(
  z.strictObject({
    basis: about(
      z.enum(['stated', 'detected']),
      'stated: the KB records it (`contradicts`); detected: two figures of the same subject, measure, date, unit family and period with different values',
    ),
    about: about(z.array(EntityRef), 'the subjects the two claims share'),
    measure: about(z.enum(MEASURES).nullable(), 'for two figures, what they measure'),
    claims: about(z.array(ClaimRow), "the two claims, in the source's order"),
    note: about(str.nullable(), 'for a stated tension, the note of the claim that states it'),
  }),
  'conflict',
  'two claims in tension',
);

export const EntityCard = named(
  z.strictObject({
    ...entityFields,
    quotes: about(z.array(ClaimRow), 'its quotes, as the speaker'),
    said: about(z.array(ClaimRow), 'the other claims it made'),
    claims: about(z.array(ClaimRow), 'the claims about it'),
    members: about(z.array(EntityRef), "a segment's members; empty for other types"),
    organisation_claims: about(
      z.array(z.strictObject({ organisation: EntityRef, claims: z.array(ClaimRow) })),
      'for a person, the claims about each organisation they work at; empty for other types',
    ),
  }),
  'entity-card',
  "an entity's card: the entity, its claims (each list in the source's order) and, for a segment, its members",
);

export const FacetCount = named(
  z.strictObject({
    value: about(
      z.union([str, z.number(), z.boolean(), z.null()]),
      "a reference's id or the field's value; null counts the rows without one",
    ),
    name: about(str, "what a reader sees: a reference's name, or the value as text"),
    count: about(count, 'how many rows have this value'),
  }),
  'facet-count',
  'how many rows of the whole result have one value of a facet',
);

// A list command's JSON: an array of rows; with --facet, the rows and the counts beside them.
export const listJson = (row: z.ZodType) =>
  z.union([
    z.array(row),
    z.strictObject({
      rows: z.array(row),
      facets: about(
        z.record(str, z.array(FacetCount)),
        'for each facet asked for (--facet), the counts per value, most first',
      ),
    }),
  ]);

export const GraphJson = named(
  z.strictObject({
    nodes: about(z.array(EntityRef), 'every entity of the graph, sorted by id'),
    edges: about(
      z.array(
        z.strictObject({
          from: about(id, 'the id of the node it starts from'),
          to: about(id, 'the id of the node it points to'),
          kind: about(z.enum(EDGE_KINDS), 'what ties the two'),
          role: about(str.nullable(), 'works_at: the role; otherwise null'),
          weight: about(count, 'spoke_about: how many quotes; otherwise 1'),
        }),
      ),
      'the edges, sorted by their ends and kind',
    ),
  }),
  'graph',
  'the relation graph: nodes and edges',
);

export const ProblemRow = named(
  z.strictObject({
    file: about(str, 'the file, relative to the working folder where it is inside it'),
    line: about(count, 'the line, from 1'),
    col: about(count, 'the column, from 1'),
    message: about(str, 'what is wrong'),
    severity: about(z.enum(['error', 'warning']), 'an error makes the KB invalid; a warning does not'),
  }),
  'problem',
  'a problem of the knowledge base, located',
);

export interface Shape {
  row: z.ZodType;
  list: boolean; // the JSON is an array of rows (else one object)
  facets: boolean; // with --facet, the array becomes {rows, facets}
  description: string;
  title?: string; // the command line that prints it, where the name is not a command's
}

const list = (row: z.ZodType, description: string, facets = true): Shape => ({ row, list: true, facets, description });
export const SHAPES: Record<ShapeName, Shape> = {
  companies: list(entityRow(ORG, 'organisation', 'an organisation'), 'the JSON of `aigc companies`: organisations'),
  products: list(
    entityRow(['product'], 'product', 'a product or model'),
    'the JSON of `aigc products`: products and models',
  ),
  people: list(entityRow(['person'], 'person', 'a person'), 'the JSON of `aigc people`: people, with their roles'),
  segments: list(SegmentRow, 'the JSON of `aigc segments`: segments, with their members', false),
  sources: list(SourceRow, 'the JSON of `aigc sources`: sources, with how many claims cite each'),
  'source-card': {
    row: SourceCard,
    list: false,
    facets: false,
    description: 'the JSON of `aigc source ID`: a source, with whether its text is attached',
    title: 'aigc source ID --json (source-card)',
  },
  paragraphs: list(ParagraphRow, 'the JSON of `aigc source ID --paragraph N`: paragraphs of its attached text', false),
  quotes: list(QuoteRow, 'the JSON of `aigc quotes`: verbatim quotes'),
  claims: list(ClaimRow, 'the JSON of `aigc claims`: quotes, statements, figures, events and roles'),
  search: list(SearchHit, 'the JSON of `aigc search`: hits, best first'),
  stats: list(StatsRow, 'the JSON of `aigc stats`: counts, for all sources and per source', false),
  timeline: list(TimelineRow, 'the JSON of `aigc timeline`: dated claims in date order'),
  conflicts: list(ConflictRow, 'the JSON of `aigc conflicts`: claims in tension, stated and detected'),
  show: {
    row: z.union([EntityCard, ClaimRow, SourceRow]),
    list: false,
    facets: false,
    description: "the JSON of `aigc show`: an entity's card, a claim or a source",
  },
  graph: {
    row: GraphJson,
    list: false,
    facets: false,
    description: 'the JSON of `aigc graph --format json`: nodes and edges',
  },
  validate: list(ProblemRow, 'the JSON of `aigc validate --json`: every problem, located; empty for a valid KB', false),
};

// The types of the output, for the code that makes it.
export type EntityRef = z.infer<typeof EntityRef>;
export type NameRef = z.infer<typeof NameRef>;
export type ValueView = z.infer<typeof Value>;
export type SpeakerRefView = z.infer<typeof SpeakerRef>;
export type BasedRefView = z.infer<typeof BasedRef>;
export type IdentityRow = z.infer<typeof IdentityView>;
export type CountryRow = z.infer<typeof CountryView>;
export type SpeakerRoleView = z.infer<typeof SpeakerRole>;
export type ConflictRow = z.infer<typeof ConflictRow>;
export type WhenView = z.infer<typeof When>;
export type RoleView = z.infer<typeof Role>;
export type RelationView = z.infer<typeof RelationRow>;
export type EntityRow = z.infer<typeof EntityRowSchema>;
export type ClaimRow = z.infer<typeof ClaimRow>;
export type SourceRow = z.infer<typeof SourceRow>;
export type SourceCard = z.infer<typeof SourceCard>;
export type TextOrigin = z.infer<typeof TextOrigin>;
export type ParagraphRow = z.infer<typeof ParagraphRow>;
export type SegmentRow = z.infer<typeof SegmentRow>;
export type SearchHit = z.infer<typeof SearchHit>;
export type StatsRow = z.infer<typeof StatsRow>;
export type TimelineRow = z.infer<typeof TimelineRow>;
export type EntityCard = z.infer<typeof EntityCard>;
export type FacetCount = z.infer<typeof FacetCount>;
export type GraphJson = z.infer<typeof GraphJson>;
export type ProblemRow = z.infer<typeof ProblemRow>;
