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
import { CLAIM_KINDS, ENTITY_TYPES, MEASURES, MODALITIES, QUALIFIERS } from '../model.js';
import {
  about,
  BasedRef,
  count,
  dateText,
  EntityRef,
  id,
  NameRef,
  named,
  ORG,
  Precision,
  SpeakerRef,
  str,
  Value,
} from './parts.js';
import {
  ClaimRow,
  claimFields,
  entityFields,
  entityRow,
  ParagraphRow,
  QuoteRow,
  SourceCard,
  SourceRow,
} from './rows.js';

// The parts and the rows of records are defined beside (parts.ts, rows.ts); this module is where
// every shape is found.
export * from './parts.js';
export * from './rows.js';

// 2: the knowledge model of KB format 2 (modality, attribution, identity, roles as claims,
// country, editor-supplied knowledge, membership and relation bases, repeats and conflicts).
export const SHAPE_VERSION = 2;

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
export type ConflictRow = z.infer<typeof ConflictRow>;
export type SegmentRow = z.infer<typeof SegmentRow>;
export type SearchHit = z.infer<typeof SearchHit>;
export type StatsRow = z.infer<typeof StatsRow>;
export type TimelineRow = z.infer<typeof TimelineRow>;
export type EntityCard = z.infer<typeof EntityCard>;
export type FacetCount = z.infer<typeof FacetCount>;
export type GraphJson = z.infer<typeof GraphJson>;
export type ProblemRow = z.infer<typeof ProblemRow>;
