// Records as users see them: every reference resolved to at least {id, name}. The shapes are
// the output's one definition (src/output/shapes.ts); a type-only import, erased by the build.
import type { Claim, Entity, Source } from '../load/schema.js';
import { ORG_TYPES, precisionOf } from '../model.js';
import type { ClaimRow, EntityRef, EntityRow, NameRef, SourceRow } from '../output/shapes.js';
import type { Kb } from './kb.js';

export const refOf = (e: Entity): EntityRef => ({ id: e.id, name: e.name, type: e.type });
// A validated KB has no reference to a missing entity; one would show its id as its name.
export const entityRef = (kb: Kb, id: string): EntityRef => {
  const e = kb.entity(id);
  return e ? refOf(e) : ({ id, name: id } as EntityRef);
};
export const sourceRef = (kb: Kb, id: string): NameRef => ({ id, name: kb.source(id)?.title ?? id });

export function entityView(kb: Kb, e: Entity): EntityRow {
  const rels = kb.relations(e.id);
  const refsOf = (kind: string) => rels.filter((r) => r.kind === kind).map((r) => refOf(r.other));
  return {
    id: e.id,
    type: e.type,
    name: e.name,
    aliases: e.aliases,
    description: e.description ?? null,
    segments: e.segments.map((s) => entityRef(kb, s)),
    // The people's roles, the products' makers and the organisations' products, both ways.
    roles: rels
      .filter((r) => r.stored === 'works_at')
      .map((r) => ({
        role: r.role ?? null,
        ...(e.type === 'person' ? { org: short(r.other) } : { person: short(r.other) }),
      })),
    makers: refsOf('maker'),
    products: refsOf('makes'),
    relations: rels.map((r) => ({ kind: r.kind, entity: refOf(r.other), role: r.role ?? null, note: r.note ?? null })),
    sources: e.sources.map((s) => sourceRef(kb, s)),
    note: e.note ?? null,
  };
}
const short = (e: Entity): NameRef => ({ id: e.id, name: e.name });

export function claimView(kb: Kb, c: Claim): ClaimRow {
  return {
    id: c.id,
    kind: c.kind,
    by: c.by ? entityRef(kb, c.by) : null,
    about: c.about.map((a) => entityRef(kb, a)),
    text: c.text,
    value: c.value ?? null,
    measures: c.measures ?? null,
    when: c.when ? { ...c.when, precision: precisionOf(c.when.date) } : null,
    source: sourceRef(kb, c.source),
    paragraph: c.paragraph,
    note: c.note ?? null,
  };
}
export function sourceView(kb: Kb, s: Source): SourceRow {
  // In the order of the fields (src/output/fields.ts); translated_from and note only when given.
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    publisher: s.publisher,
    column: s.column ?? null,
    author: s.author ? entityRef(kb, s.author) : null,
    published: s.published,
    published_inferred: s.published_inferred,
    updated: s.updated ?? null,
    language: s.language,
    ...(s.translated_from === undefined ? {} : { translated_from: s.translated_from }),
    machine_translated: s.machine_translated,
    paragraphs: s.paragraphs,
    text: s.text ?? null,
    ...(s.note === undefined ? {} : { note: s.note }),
    url: s.url ?? null,
    claims: kb.claimsFrom(s.id).length,
  };
}

export const isOrg = (e: Entity) => ORG_TYPES.includes(e.type);

// The people an organisation's row names in its works_at relations.
export const peopleOf = (row: EntityRow): NameRef[] => row.roles.flatMap((r) => ('person' in r ? [r.person] : []));

// The organisations that make a product: its own makers, else those of the product it is part
// of (a feature of an app), nearest first.
export function makersOf(kb: Kb, id: string, seen = new Set<string>()): EntityRef[] {
  seen.add(id);
  const rels = kb.relations(id);
  const own = rels.filter((r) => r.kind === 'maker').map((r) => refOf(r.other));
  if (own.length) return own;
  return rels
    .filter((r) => r.kind === 'part_of' && !seen.has(r.other.id))
    .flatMap((r) => makersOf(kb, r.other.id, seen));
}
