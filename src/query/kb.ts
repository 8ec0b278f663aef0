// The in-memory index over the records. Each map is built on first use, so a query pays
// only for the maps it needs.
import { INVERSE, type RelationKind } from '../model.js';
import type { Claim, Entity, Source } from '../load/schema.js';
import { searchPart, type SearchPart } from '../load/searchpart.js';
import type { FileRecords } from '../load/validate.js';

export interface RelationView {
  kind: string; // works_at, or its inverse (employs) when seen from the other side
  stored: RelationKind;
  other: Entity;
  role?: string;
  note?: string;
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
}

export class Kb {
  // Each section is read when first used: a query about organisations never reads the claims.
  constructor(sections: Sections) {
    this.sections = {
      sources: lazy(sections.sources),
      entities: lazy(sections.entities),
      claims: lazy(sections.claims),
      search: lazy(sections.search),
    };
  }
  private sections: Sections;
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

  private members = lazy(() => group(this.entities, (e) => e.segments));
  segmentMembers(segmentId: string): Entity[] {
    return this.members().get(segmentId) ?? [];
  }

  private rels = lazy(() => {
    const m = new Map<string, RelationView[]>();
    const add = (id: string, v: RelationView) => (m.get(id) ?? m.set(id, []).get(id)!).push(v);
    for (const e of this.entities) {
      for (const r of e.relations) {
        const other = this.entity(r.to);
        if (!other) continue;
        add(e.id, { kind: r.kind, stored: r.kind, other, role: r.role, note: r.note });
        add(other.id, { kind: INVERSE[r.kind], stored: r.kind, other: e, role: r.role, note: r.note });
      }
    }
    return m;
  });
  relations(id: string): RelationView[] {
    return this.rels().get(id) ?? [];
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

  private bySource = lazy(() => group(this.claims, (c) => [c.source]));
  claimsFrom(sourceId: string): Claim[] {
    return this.bySource().get(sourceId) ?? [];
  }

  private bySpeaker = lazy(() => group(this.claims, (c) => (c.by ? [c.by] : [])));
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
