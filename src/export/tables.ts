// The knowledge base as flat tables: one model, built once, that the JSON Lines, CSV and
// SQLite writers all write, so the three formats hold the same rows under the same names.
// Column names read naturally in a join: `claims.by_id = entities.id`.
import type { Claim } from '../load/schema.js';
import type { Kb } from '../query/kb.js';
import { precisionOf } from '../model.js';

export type Cell = string | number | boolean | null;
export type ColumnType = 'text' | 'integer' | 'number' | 'boolean';

export interface Column {
  name: string;
  type: ColumnType;
  required?: boolean;
  references?: string; // the table whose `id` this column holds
}

export interface Table {
  name: string;
  columns: Column[];
  key: string[]; // the primary key's columns
  rows: Cell[][]; // each row's cells in the order of `columns`
}

const col = (name: string, type: ColumnType = 'text', more: Partial<Column> = {}): Column => ({ name, type, ...more });
const req = (name: string, type: ColumnType = 'text', references?: string): Column =>
  col(name, type, { required: true, references });
const ref = (name: string, references: string): Column => col(name, 'text', { references });

// A list field such as `segments: [a, a]` means a set: the KB's own index reads it so, and a
// membership table keeps one row per pair.
const unique = <T>(xs: T[]) => [...new Set(xs)];
// The basis of a linked value: the source's (with a paragraph) or the editor's.
const basisOf = (paragraph: number | undefined, editor?: boolean) =>
  editor || paragraph === undefined ? 'editor' : 'source';

// Who works where, as the index derives it: a works_at for each role a person has at an
// organisation (role claims that name one, a repeat not counted again), with its paragraph.
function worksAt(claims: Claim[]): Cell[][] {
  const seen = new Set<string>();
  const out: Cell[][] = [];
  for (const c of claims) {
    if (c.kind !== 'role' || !c.org || !c.role || c.repeats !== undefined) continue;
    const key = `${c.about[0]}\0${c.org}\0${c.role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([c.about[0], 'works_at', c.org, c.role, 'source', c.paragraph, c.source, null]);
  }
  return out;
}

export function buildTables(kb: Pick<Kb, 'sources' | 'entities' | 'claims'>): Table[] {
  const { sources, entities, claims } = kb;
  return [
    {
      name: 'sources',
      key: ['id'],
      columns: [
        req('id'),
        req('kind'),
        req('title'),
        req('publisher'),
        col('column'),
        ref('author_id', 'entities'),
        req('published'),
        req('published_inferred', 'boolean'),
        col('updated'),
        col('url'),
        req('language'),
        col('translated_from'),
        req('machine_translated', 'boolean'),
        req('paragraphs'),
        // The fingerprint of the text the claims cite (the text itself is never in the KB).
        col('text_sha256'),
        col('text_paragraphs', 'integer'),
        col('note'),
      ],
      rows: sources.map((s) => [
        s.id,
        s.kind,
        s.title,
        s.publisher,
        s.column ?? null,
        s.author ?? null,
        s.published,
        s.published_inferred,
        s.updated ?? null,
        s.url ?? null,
        s.language,
        s.translated_from ?? null,
        s.machine_translated,
        s.paragraphs,
        s.text?.sha256 ?? null,
        s.text?.paragraphs ?? null,
        s.note ?? null,
      ]),
    },
    {
      name: 'entities',
      key: ['id'],
      // What the editor supplied is in columns of its own: the `editor_` ones and a country
      // whose basis is `editor`.
      columns: [
        req('id'),
        req('type'),
        req('name'),
        req('identity'),
        col('identity_basis'),
        col('identity_paragraph', 'integer'),
        col('description'),
        col('country'),
        col('country_basis'),
        col('country_paragraph', 'integer'),
        col('editor_identification'),
        col('editor_wikidata'),
        col('note'),
      ],
      rows: entities.map((e) => {
        const country = e.country?.code ?? e.editor?.country ?? null;
        return [
          e.id,
          e.type,
          e.name,
          e.identity?.value ?? 'named',
          e.identity?.editor ? 'editor' : e.identity?.paragraph !== undefined ? 'source' : null,
          e.identity?.paragraph ?? null,
          e.description ?? null,
          country,
          e.country ? 'source' : country ? 'editor' : null,
          e.country?.paragraph ?? null,
          e.editor?.identification ?? null,
          e.editor?.wikidata ?? null,
          e.note ?? null,
        ];
      }),
    },
    {
      // The source's spellings (basis `source`) and the names the editor supplied (`editor`).
      name: 'aliases',
      key: ['entity_id', 'alias'],
      columns: [req('entity_id', 'text', 'entities'), req('alias'), req('basis')],
      rows: entities.flatMap((e) => [
        ...unique(e.aliases).map((a) => [e.id, a, 'source']),
        ...unique(e.editor?.names ?? []).map((a) => [e.id, a, 'editor']),
      ]),
    },
    {
      name: 'entity_segments',
      key: ['entity_id', 'segment_id'],
      columns: [
        req('entity_id', 'text', 'entities'),
        req('segment_id', 'text', 'entities'),
        req('basis'),
        col('paragraph', 'integer'),
      ],
      rows: entities.flatMap((e) =>
        [...new Map(e.segments.map((s) => [s.id, s])).values()].map((s) => [
          e.id,
          s.id,
          basisOf(s.paragraph),
          s.paragraph ?? null,
        ]),
      ),
    },
    {
      name: 'entity_sources',
      key: ['entity_id', 'source_id'],
      columns: [req('entity_id', 'text', 'entities'), req('source_id', 'text', 'sources')],
      rows: entities.flatMap((e) => unique(e.sources).map((s) => [e.id, s])),
    },
    {
      // A relation has no id of its own: `id` numbers the relations from 1, the stored ones in
      // the order the KB lists them, then the works_at the role claims give.
      name: 'relations',
      key: ['id'],
      columns: [
        req('id', 'integer'),
        req('from_id', 'text', 'entities'),
        req('kind'),
        req('to_id', 'text', 'entities'),
        col('role'),
        req('basis'),
        col('paragraph', 'integer'),
        ref('source_id', 'sources'),
        col('note'),
      ],
      rows: [
        ...entities.flatMap((e) =>
          e.relations.map((r) => [
            e.id,
            r.kind,
            r.to,
            null,
            basisOf(r.paragraph, r.editor),
            r.paragraph ?? null,
            r.source ?? (r.paragraph !== undefined ? (e.sources[0] ?? null) : null),
            r.note ?? null,
          ]),
        ),
        ...worksAt(claims),
      ].map((r, i) => [i + 1, ...r]),
    },
    {
      name: 'claims',
      key: ['id'],
      columns: [
        req('id'),
        req('kind'),
        req('modality'),
        ref('by_id', 'entities'),
        col('by_inferred'),
        ref('via_id', 'entities'),
        col('via_inferred'),
        ref('to_id', 'entities'),
        col('to_paragraph', 'integer'),
        req('text'),
        col('role'),
        ref('org_id', 'entities'),
        col('value_amount', 'number'),
        col('value_min', 'number'),
        col('value_max', 'number'),
        col('value_unit'),
        col('value_per'),
        col('value_approx', 'boolean'),
        col('measure'),
        col('measures'),
        col('date'),
        col('date_end'),
        col('date_qualifier'),
        col('date_precision'),
        col('date_inferred', 'boolean'),
        col('date_basis'),
        col('date_basis_paragraph', 'integer'),
        req('source_id', 'text', 'sources'),
        req('paragraph', 'integer'),
        col('repeats_id'), // a claim's id (no foreign key: the claim repeated may come later)
        col('note'),
      ],
      rows: claims.map((c) => {
        const v = c.value;
        const w = c.when;
        return [
          c.id,
          c.kind,
          c.modality,
          c.by,
          c.by_inferred ?? null,
          c.via,
          c.via_inferred ?? null,
          c.to?.id ?? null,
          c.to?.paragraph ?? null,
          // A role claim without text of its own reads "ROLE of ORG" in the views; here, its role.
          c.text ?? c.role ?? '',
          c.role ?? null,
          c.org ?? null,
          v?.amount ?? null,
          v?.min ?? null,
          v?.max ?? null,
          v?.unit ?? null,
          v?.per ?? null,
          v ? Boolean(v.approx) : null,
          c.measure ?? null,
          c.measures ?? null,
          w?.date ?? null,
          w?.end ?? null,
          w?.qualifier ?? null,
          w ? precisionOf(w.date) : null,
          w ? w.inferred : null,
          w?.basis ?? null,
          w?.paragraph ?? null,
          c.source,
          c.paragraph,
          c.repeats ?? null,
          c.note ?? null,
        ];
      }),
    },
    {
      name: 'claim_about',
      key: ['claim_id', 'entity_id'],
      columns: [req('claim_id', 'text', 'claims'), req('entity_id', 'text', 'entities')],
      rows: claims.flatMap((c) => unique(c.about).map((a) => [c.id, a])),
    },
    {
      // Tensions as the KB states them, one row per claim that states one.
      name: 'claim_contradicts',
      key: ['claim_id', 'other_id'],
      columns: [req('claim_id', 'text', 'claims'), req('other_id', 'text', 'claims')],
      rows: claims.flatMap((c) => unique(c.contradicts).map((x) => [c.id, x])),
    },
  ];
}

// The tables' names, keys and columns, known before any KB is read: the tables of an empty one.
export const TABLE_MODEL: readonly Table[] = buildTables({ sources: [], entities: [], claims: [] });

export const rowCount = (tables: Table[]) => tables.reduce((n, t) => n + t.rows.length, 0);
