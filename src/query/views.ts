// Records as users see them: every reference resolved to at least {id, name}.
import type { Kb } from './kb.js';
import { ORG_TYPES, precisionOf } from '../model.js';
import type { Claim, Entity, Source } from '../load/schema.js';

export interface Ref {
  id: string;
  name: string;
  type?: string;
}

export const refOf = (e: Entity): Ref => ({ id: e.id, name: e.name, type: e.type });
export const entityRef = (kb: Kb, id: string): Ref => {
  const e = kb.entity(id);
  return e ? refOf(e) : { id, name: id };
};
export const sourceRef = (kb: Kb, id: string) => ({ id, name: kb.source(id)?.title ?? id });

export function entityView(kb: Kb, e: Entity) {
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
export type EntityView = ReturnType<typeof entityView>;

const short = (e: Entity): Ref => ({ id: e.id, name: e.name });

export function claimView(kb: Kb, c: Claim) {
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
export type ClaimView = ReturnType<typeof claimView>;

export function sourceView(kb: Kb, s: Source) {
  return { ...s, url: s.url ?? null, claims: kb.claimsFrom(s.id).length };
}

export const isOrg = (e: Entity) => ORG_TYPES.includes(e.type);
