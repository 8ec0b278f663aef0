// Records as users see them: every reference resolved to at least {id, name}, and every piece of
// the editor's knowledge marked as such (a `basis` of editor, an `editor` object). The shapes are
// the output's one definition (src/output/shapes.ts); a type-only import, erased by the build.
import type { Claim, Entity, Source } from '../load/schema.js';
import type { RoleClaim } from '../load/shape.js';
import { ORG_TYPES, precisionOf } from '../model.js';
import type {
  BasedRefView,
  ClaimRow,
  CountryRow,
  EntityRef,
  EntityRow,
  IdentityRow,
  NameRef,
  SourceRow,
  SpeakerRefView,
  SpeakerRoleView,
} from '../output/shapes.js';
import type { Kb, RelationView } from './kb.js';

export const refOf = (e: Entity): EntityRef => ({ id: e.id, name: e.name, type: e.type });
// A validated KB has no reference to a missing entity; one would show its id as its name.
export const entityRef = (kb: Kb, id: string): EntityRef => {
  const e = kb.entity(id);
  return e ? refOf(e) : ({ id, name: id } as EntityRef);
};
export const sourceRef = (kb: Kb, id: string): NameRef => ({ id, name: kb.source(id)?.title ?? id });
const short = (e: { id: string; name: string }): NameRef => ({ id: e.id, name: e.name });

// A reference with its basis: the editor's where marked so, or where the source gives no paragraph.
export const based = (e: EntityRef, paragraph: number | undefined, editor?: boolean): BasedRefView => ({
  ...e,
  basis: editor || paragraph === undefined ? 'editor' : 'source',
  paragraph: editor ? null : (paragraph ?? null),
});
const relationRef = (r: RelationView): BasedRefView => based(refOf(r.other), r.paragraph, r.basis === 'editor');

// The segments an entity is in, each with its basis; `listed` keeps the source's own lists only.
export const segmentRefs = (kb: Kb, e: Entity): BasedRefView[] =>
  e.segments.map((s) => based(entityRef(kb, s.id), s.paragraph));

export function identityOf(e: Entity): IdentityRow {
  const i = e.identity;
  if (!i) return { value: 'named', basis: null, paragraph: null };
  return {
    value: i.value,
    basis: i.editor ? 'editor' : i.paragraph !== undefined ? 'source' : null,
    paragraph: i.paragraph ?? null,
  };
}

// English country names: the build writes them in (scripts/build.mjs), since building an
// Intl.DisplayNames loads ICU's region data, some 15 ms of every query that shows a country.
// Run from source, as by the tests, they come from Intl.
declare const __AIGC_COUNTRY_NAMES__: Record<string, string>;
const NAMES = typeof __AIGC_COUNTRY_NAMES__ === 'object' ? __AIGC_COUNTRY_NAMES__ : undefined;
let regions: Intl.DisplayNames | undefined;
const countryName = (code: string) => {
  if (NAMES) return NAMES[code] ?? code;
  regions ??= new Intl.DisplayNames(['en'], { type: 'region' });
  return regions.of(code) ?? code;
};
export function countryOf(e: Entity): CountryRow | null {
  if (e.country) {
    const { code, paragraph } = e.country;
    return { code, name: countryName(code), basis: 'source', paragraph };
  }
  const code = e.editor?.country;
  return code ? { code, name: countryName(code), basis: 'editor', paragraph: null } : null;
}

export function entityView(kb: Kb, e: Entity): EntityRow {
  const rels = kb.relations(e.id);
  const refsOf = (kind: string) => rels.filter((r) => r.kind === kind).map(relationRef);
  // A person's roles (a role repeated in a later paragraph once), or an organisation's people.
  const told = (cs: RoleClaim[]) => cs.filter((c) => !c.repeats);
  const roles =
    e.type === 'person'
      ? told(kb.rolesOf(e.id)).map((c) => ({
          role: c.role,
          org: c.org ? short(entityRef(kb, c.org)) : null,
          claim: c.id,
          source: c.source,
          paragraph: c.paragraph,
        }))
      : told(kb.rolesAt(e.id)).map((c) => ({
          role: c.role,
          person: short(entityRef(kb, c.about[0])),
          claim: c.id,
          source: c.source,
          paragraph: c.paragraph,
        }));
  return {
    id: e.id,
    type: e.type,
    name: e.name,
    aliases: e.aliases,
    identity: identityOf(e),
    description: e.description ?? null,
    segments: segmentRefs(kb, e),
    country: countryOf(e),
    editor: e.editor
      ? {
          names: e.editor.names,
          identification: e.editor.identification ?? null,
          wikidata: e.editor.wikidata ?? null,
        }
      : null,
    roles,
    makers: refsOf('maker'),
    products: refsOf('makes'),
    relations: rels.map((r) => ({
      kind: r.kind,
      entity: refOf(r.other),
      role: r.role ?? null,
      note: r.note ?? null,
      basis: r.basis,
      paragraph: r.paragraph ?? null,
    })),
    sources: e.sources.map((s) => sourceRef(kb, s)),
    note: e.note ?? null,
  };
}

const speaker = (kb: Kb, id: string | null, inferred: string | undefined): SpeakerRefView | null =>
  id === null ? null : { ...entityRef(kb, id), inferred: inferred ?? null };

// A role claim reads "ROLE of ORG" where it has no text of its own.
export function claimText(kb: Kb, c: Claim): string {
  if (c.text !== undefined) return c.text;
  const org = c.org ? kb.entity(c.org) : undefined;
  return `${c.role ?? ''}${org ? ` of ${org.name}` : ''}`;
}

export function speakerRole(kb: Kb, c: Claim): SpeakerRoleView | null {
  if (!c.by || c.kind === 'role') return null;
  const r = kb.roleAt(c.by, c.source, c.paragraph);
  return r ? { role: r.role, org: r.org ? short(entityRef(kb, r.org)) : null, paragraph: r.paragraph } : null;
}

// Every paragraph that says a fact: the claim's and those of the repeats it stands for.
export const paragraphsOf = (c: Claim, folded: readonly Claim[]): number[] =>
  [...new Set([c.paragraph, ...folded.map((f) => f.paragraph)])].sort((a, b) => a - b);

// One claim; with `folded`, the repeats that this row stands for too (claims collapses them).
export function claimView(kb: Kb, c: Claim, folded: Claim[] = []): ClaimRow {
  return {
    id: c.id,
    kind: c.kind,
    modality: c.modality,
    by: speaker(kb, c.by, c.by_inferred),
    speaker_role: speakerRole(kb, c),
    via: speaker(kb, c.via, c.via_inferred),
    to: c.to ? { ...entityRef(kb, c.to.id), paragraph: c.to.paragraph ?? null } : null,
    about: c.about.map((a) => entityRef(kb, a)),
    text: claimText(kb, c),
    role: c.role ?? null,
    org: c.org ? entityRef(kb, c.org) : null,
    value: c.value ?? null,
    measure: c.measure ?? null,
    measures: c.measures ?? null,
    when: c.when ? { ...c.when, precision: precisionOf(c.when.date) } : null,
    source: sourceRef(kb, c.source),
    paragraph: c.paragraph,
    paragraphs: paragraphsOf(c, folded),
    repeats: c.repeats ?? null,
    repeated_by: folded.map((f) => ({ id: f.id, source: f.source, paragraph: f.paragraph })),
    contradicts: kb.contradictions(c.id),
    note: c.note ?? null,
  };
}

// Claims in groups, repeats folded into the first telling of what they repeat (or, where that
// is not among them, into the first of them to come), the lead first: one group per fact.
export function claimGroups(kb: Kb, claims: readonly Claim[], apart = false): Claim[][] {
  if (apart) return claims.map((c) => [c]);
  const groups = new Map<string, Claim[]>();
  for (const c of claims) {
    const key = kb.firstTelling(c.id);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(c);
  }
  return [...groups.entries()].map(([first, group]) => {
    const lead = group.find((c) => c.id === first) ?? group[0];
    return [lead, ...group.filter((c) => c !== lead)];
  });
}

// A group's row: one fact, citing every paragraph.
export const groupView =
  (kb: Kb) =>
  ([lead, ...folded]: Claim[]): ClaimRow =>
    claimView(kb, lead, folded);

export const claimRows = (kb: Kb, claims: readonly Claim[], apart = false): ClaimRow[] =>
  claimGroups(kb, claims, apart).map(groupView(kb));

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

// The people an organisation's row names in its role claims, each once.
export const peopleOf = (row: EntityRow): NameRef[] => [
  ...new Map(row.roles.flatMap((r) => ('person' in r ? [[r.person.id, r.person] as const] : []))).values(),
];

// The organisations that make a product: its own makers, else those of the product it is part
// of (a feature of an app), nearest first; each with the basis of its relation.
export function makersOf(kb: Kb, id: string, seen = new Set<string>()): BasedRefView[] {
  seen.add(id);
  const rels = kb.relations(id);
  const own = rels.filter((r) => r.kind === 'maker').map(relationRef);
  if (own.length) return own;
  return rels
    .filter((r) => r.kind === 'part_of' && !seen.has(r.other.id))
    .flatMap((r) => makersOf(kb, r.other.id, seen));
}
