// The in-memory index over the records. Each map is built on first use, so a query pays
// only for the maps it needs.
import { type DerivedKind, INVERSE, type RelationKind } from '../model.js';
import type { Claim, Entity, Relation, Source } from '../load/schema.js';
import { isRoleClaim, type RoleClaim } from '../load/shape.js';
import { searchPart, type SearchPart } from '../load/searchpart.js';
import type { FileRecords } from '../load/validate.js';

export interface RelationView {
  kind: string; // maker, or its inverse (makes) when seen from the other side
  stored: RelationKind | DerivedKind; // works_at: derived from role claims
  other: Entity;
  role?: string; // works_at: the role, in the source's words
  note?: string;
  basis: 'source' | 'editor';
  paragraph?: number;
  source?: string;
}

function lazy<T>(make: () => T): () => T {
  let v: T | undefined;
  return () => (v ??= make());
}

function group<T>(items: T[], keys: (t: T) => Iterable<string>): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    for (const k of new Set(keys(it))) {
      const list = m.get(k);
      if (list) list.push(it);
      else m.set(k, [it]);
    }
  }
  return m;
}

export interface Sections {
  sources(): Source[];
  entities(): Entity[];
  claims(): Claim[];
  search(): SearchPart[];
  // The role claims in the KB's order, where the source keeps them apart from the claims.
  roles?(): RoleClaim[];
}

export class Kb {
  // Each section is read when first used: a query about organisations never reads the claims.
  constructor(sections: Sections) {
    this.sections = {
      sources: lazy(sections.sources),
      entities: lazy(sections.entities),
      claims: lazy(() => {
        this.claimsRead = true;
        return sections.claims();
      }),
      search: lazy(sections.search),
      roles: sections.roles && lazy(sections.roles),
    };
  }
  private sections: Sections;
  private claimsRead = false;
  get sources(): Source[] {
    return this.sections.sources();
  }
  get entities(): Entity[] {
    return this.sections.entities();
  }
  get claims(): Claim[] {
    return this.sections.claims();
  }
  // What fuzzy search scans, file by file.
  searchParts(): SearchPart[] {
    return this.sections.search();
  }

  static from(files: FileRecords[]): Kb {
    const all = merge(files);
    return new Kb({
      sources: () => all.sources,
      entities: () => all.entities,
      claims: () => all.claims,
      search: () => files.map(searchPart),
    });
  }

  private byId = lazy(() => new Map(this.entities.map((e) => [e.id, e])));
  private sourceById = lazy(() => new Map(this.sources.map((s) => [s.id, s])));
  private claimById = lazy(() => new Map(this.claims.map((c) => [c.id, c])));

  entity(id: string): Entity | undefined {
    return this.byId().get(id);
  }
  source(id: string): Source | undefined {
    return this.sourceById().get(id);
  }
  claim(id: string): Claim | undefined {
    return this.claimById().get(id);
  }

  private members = lazy(() => group(this.entities, (e) => e.segments.map((s) => s.id)));
  segmentMembers(segmentId: string): Entity[] {
    return this.members().get(segmentId) ?? [];
  }

  // Who works where is said by role claims: a works_at for each role a person has at an
  // organisation, with the basis of its first telling. An entity's relations are made when first
  // asked for, from an index of what touches it: a list of a hundred organisations need not make
  // the views of every relation in a KB of 30,000 entities.
  private touching = lazy(() => {
    const stored = new Map<string, [Entity, Relation][]>();
    const roles = new Map<string, RoleClaim[]>();
    const add = <T>(m: Map<string, T[]>, id: string, v: T) => (m.get(id) ?? m.set(id, []).get(id)!).push(v);
    for (const e of this.entities)
      for (const r of e.relations) {
        add(stored, e.id, [e, r]);
        if (r.to !== e.id) add(stored, r.to, [e, r]);
      }
    for (const c of this.roleClaims()) {
      if (c.repeats !== undefined || !c.org) continue;
      add(roles, c.about[0], c);
      if (c.org !== c.about[0]) add(roles, c.org, c);
    }
    return { stored, roles };
  });
  private made = new Map<string, RelationView[]>();
  relations(id: string): RelationView[] {
    const done = this.made.get(id);
    if (done) return done;
    const out: RelationView[] = [];
    const both = (
      from: Entity,
      to: Entity,
      kind: RelationKind | DerivedKind,
      v: Omit<RelationView, 'kind' | 'stored' | 'other'>,
    ) => {
      if (from.id === id) out.push({ kind, stored: kind, other: to, ...v });
      if (to.id === id) out.push({ kind: INVERSE[kind], stored: kind, other: from, ...v });
    };
    const { stored, roles } = this.touching();
    for (const [e, r] of stored.get(id) ?? []) {
      const other = this.entity(r.to);
      if (!other) continue;
      const source = r.source ?? (r.paragraph !== undefined ? e.sources[0] : undefined);
      both(e, other, r.kind, { note: r.note, basis: r.editor ? 'editor' : 'source', paragraph: r.paragraph, source });
    }
    // A role said again counts once, in the words of its first telling.
    const seen = new Set<string>();
    for (const c of roles.get(id) ?? []) {
      const person = this.entity(c.about[0]);
      const org = this.entity(c.org!);
      const key = `${c.about[0]}\0${c.org}\0${c.role}`;
      if (!person || !org || seen.has(key)) continue;
      seen.add(key);
      both(person, org, 'works_at', { role: c.role, basis: 'source', paragraph: c.paragraph, source: c.source });
    }
    this.made.set(id, out);
    return out;
  }

  // An organisation and everything part of it, so that --maker bytedance finds what its
  // Douyin makes.
  withParts(id: string): Set<string> {
    const out = new Set([id]);
    const todo = [id];
    while (todo.length) {
      for (const r of this.relations(todo.pop()!)) {
        if (r.kind !== 'has_part' || out.has(r.other.id)) continue;
        out.add(r.other.id);
        todo.push(r.other.id);
      }
    }
    return out;
  }

  // Role claims in the sources' order, so that a person's first role comes first.
  // From the claims where they are read already (claims --json at 100,000 records would parse
  // the 2.7 MB of role claims a second time), else from their own section where there is one.
  roleClaims = lazy(() =>
    this.claimsRead || !this.sections.roles ? this.claims.filter(isRoleClaim) : this.sections.roles(),
  );
  private roleBy = lazy(() => group(this.roleClaims(), (c) => c.about));
  rolesOf(personId: string): RoleClaim[] {
    return this.roleBy().get(personId) ?? [];
  }
  // Grouped once: a scan of every role claim per organisation listed cost 220 ms at 100,000 records.
  private roleByOrg = lazy(() => group(this.roleClaims(), (c) => (c.org ? [c.org] : [])));
  rolesAt(orgId: string): RoleClaim[] {
    return this.roleByOrg().get(orgId) ?? [];
  }
  // The role a person had when a claim of theirs was made: their role claim in the same source
  // nearest at or before its paragraph, else the source's first.
  roleAt(personId: string, source: string, paragraph: number): RoleClaim | undefined {
    const here = this.rolesOf(personId).filter((c) => c.source === source);
    let best: RoleClaim | undefined;
    for (const c of here) if (c.paragraph <= paragraph && (!best || c.paragraph >= best.paragraph)) best = c;
    return best ?? [...here].sort((a, b) => a.paragraph - b.paragraph)[0];
  }

  // Repeats: each claim's first telling (following `repeats` to its end) and, for a first
  // telling, the claims that repeat it.
  private firsts = lazy(() => {
    const m = new Map<string, string>();
    for (const c of this.claims) {
      let at = c;
      const seen = new Set<string>();
      while (at.repeats !== undefined && !seen.has(at.id)) {
        seen.add(at.id);
        const next = this.claim(at.repeats);
        if (!next) break;
        at = next;
      }
      m.set(c.id, at.id);
    }
    return m;
  });
  firstTelling(id: string): string {
    return this.firsts().get(id) ?? id;
  }
  private retold = lazy(() => group(this.claims, (c) => (c.repeats !== undefined ? [this.firstTelling(c.id)] : [])));
  repeatsOf(firstId: string): Claim[] {
    return this.retold().get(firstId) ?? [];
  }

  // Tensions, both ways: a claim that `contradicts` another is in tension with it and it with it.
  private tensions = lazy(() => {
    const m = new Map<string, Set<string>>();
    const add = (a: string, b: string) => (m.get(a) ?? m.set(a, new Set()).get(a)!).add(b);
    for (const c of this.claims) {
      for (const x of c.contradicts) {
        add(c.id, x);
        add(x, c.id);
      }
    }
    return m;
  });
  contradictions(id: string): string[] {
    return [...(this.tensions().get(id) ?? [])];
  }

  private bySource = lazy(() => group(this.claims, (c) => [c.source]));
  claimsFrom(sourceId: string): Claim[] {
    return this.bySource().get(sourceId) ?? [];
  }

  private bySpeaker = lazy(() => group(this.claims, (c) => (c.by ? [c.by] : [])));
  private byRelay = lazy(() => group(this.claims, (c) => (c.via ? [c.via] : [])));
  // What someone relayed: the claims whose words reached the source through them.
  claimsVia(id: string): Claim[] {
    return this.byRelay().get(id) ?? [];
  }
  private bySubject = lazy(() => group(this.claims, (c) => c.about));
  claimsBy(id: string): Claim[] {
    return this.bySpeaker().get(id) ?? [];
  }
  claimsAbout(id: string): Claim[] {
    return this.bySubject().get(id) ?? [];
  }
}

export function merge(files: FileRecords[]): FileRecords {
  return {
    sources: files.flatMap((f) => f.sources),
    entities: files.flatMap((f) => f.entities),
    claims: files.flatMap((f) => f.claims),
  };
}
