// The knowledge base as flat tables: one model, built once, that the JSON Lines, CSV and
// SQLite writers all write, so the three formats hold the same rows under the same names.
// Column names read naturally in a join: `claims.by_id = entities.id`.
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
        req('published'),
        req('published_inferred', 'boolean'),
        col('url'),
        req('language'),
        col('translated_from'),
        req('paragraphs'),
        col('note'),
      ],
      rows: sources.map((s) => [
        s.id,
        s.kind,
        s.title,
        s.publisher,
        s.published,
        s.published_inferred,
        s.url ?? null,
        s.language,
        s.translated_from ?? null,
        s.paragraphs,
        s.note ?? null,
      ]),
    },
    {
      name: 'entities',
      key: ['id'],
      columns: [req('id'), req('type'), req('name'), col('description'), col('note')],
      rows: entities.map((e) => [e.id, e.type, e.name, e.description ?? null, e.note ?? null]),
    },
    {
      name: 'aliases',
      key: ['entity_id', 'alias'],
      columns: [req('entity_id', 'text', 'entities'), req('alias')],
      rows: entities.flatMap((e) => e.aliases.map((a) => [e.id, a])),
    },
    {
      name: 'entity_segments',
      key: ['entity_id', 'segment_id'],
      columns: [req('entity_id', 'text', 'entities'), req('segment_id', 'text', 'entities')],
      rows: entities.flatMap((e) => unique(e.segments).map((s) => [e.id, s])),
    },
    {
      name: 'entity_sources',
      key: ['entity_id', 'source_id'],
      columns: [req('entity_id', 'text', 'entities'), req('source_id', 'text', 'sources')],
      rows: entities.flatMap((e) => unique(e.sources).map((s) => [e.id, s])),
    },
    {
      // A relation has no id of its own, and one pair may be related twice (two roles): `id`
      // numbers the relations from 1 in the order the KB lists them.
      name: 'relations',
      key: ['id'],
      columns: [
        req('id', 'integer'),
        req('from_id', 'text', 'entities'),
        req('kind'),
        req('to_id', 'text', 'entities'),
        col('role'),
        col('note'),
      ],
      rows: entities
        .flatMap((e) => e.relations.map((r) => [e.id, r.kind, r.to, r.role ?? null, r.note ?? null]))
        .map((r, i) => [i + 1, ...r]),
    },
    {
      name: 'claims',
      key: ['id'],
      columns: [
        req('id'),
        req('kind'),
        ref('by_id', 'entities'),
        req('text'),
        col('value_amount', 'number'),
        col('value_min', 'number'),
        col('value_max', 'number'),
        col('value_unit'),
        col('measures'),
        col('date'),
        col('date_end'),
        col('date_precision'),
        col('date_inferred', 'boolean'),
        col('date_basis'),
        req('source_id', 'text', 'sources'),
        req('paragraph', 'integer'),
        col('note'),
      ],
      rows: claims.map((c) => {
        const v = c.value;
        const w = c.when;
        return [
          c.id,
          c.kind,
          c.by,
          c.text,
          v && 'amount' in v ? v.amount : null,
          v && 'min' in v ? v.min : null,
          v && 'max' in v ? v.max : null,
          v?.unit ?? null,
          c.measures ?? null,
          w?.date ?? null,
          w?.end ?? null,
          w ? precisionOf(w.date) : null,
          w ? w.inferred : null,
          w?.basis ?? null,
          c.source,
          c.paragraph,
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
  ];
}

// The tables' names, keys and columns, known before any KB is read: the tables of an empty one.
export const TABLE_MODEL: readonly Table[] = buildTables({ sources: [], entities: [], claims: [] });

export const rowCount = (tables: Table[]) => tables.reduce((n, t) => n + t.rows.length, 0);
