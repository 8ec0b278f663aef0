// Where each card goes on the landscape page, and through what. The page never claims a segment
// membership the KB does not hold: a card is a member of a group, or it is shown there *through*
// another card that is, and the page marks it so ("via Baidu Wenxin").
//   - A segment holds its members, and the organisations that make them or that they are part
//     of (Baidu through Baidu Wenxin, Kuaishou through cloud scissors, ByteDance through Jianying,
//     a maker the editor supplied and the page marks so).
//   - Platforms holds the companies a roster statement names (paragraph 23's "Baidu, Tencent,
//     Alibaba, ... and other big companies have invested in AIGC"), and what they make or own.
//   - Other holds whatever is in no group.
import type { Claim, Entity } from '../load/schema.js';
import type { Kb } from '../query/kb.js';

// Not slugs, so no segment of a KB can take these ids.
export const OTHER = '_other';
export const PLATFORMS = '_platforms';

// The segments an entity is a member of, as the KB records them, each with its basis: listed by
// the source (in `paragraph`) or tagged by the editor. This is the one place that reads
// membership.
export interface Membership {
  id: string;
  basis: 'source' | 'editor';
  paragraph: number | null;
}
export function memberships(e: Entity): Membership[] {
  return e.segments.map((s) => ({
    id: s.id,
    basis: s.paragraph === undefined ? 'editor' : 'source',
    paragraph: s.paragraph ?? null,
  }));
}

// A roster: a statement the source makes in its own voice (no speaker) about at least this many
// entities, every one of them a company. Segment lists are not rosters (they name their
// segment), nor is a speaker's handful of examples.
const ROSTER_SIZE = 4;
export function rosters(kb: Kb): Claim[] {
  return kb.claims.filter(
    (c) =>
      c.kind === 'statement' &&
      c.by === null &&
      c.about.length >= ROSTER_SIZE &&
      c.about.every((id) => kb.entity(id)?.type === 'company'),
  );
}

// Card id -> the cards it is shown through, each with whether the link rests on the editor's
// knowledge (a maker the source does not name); empty for a member in its own right.
export type Placed = Map<string, Map<string, boolean>>;

// Upward (maker, part_of) or downward (makes, has_part), transitively: the organisation behind
// a product is whoever makes it or owns its maker. Each entity reached says whether the way to it
// takes a relation the editor supplied; a way the source states all along wins.
function reach(kb: Kb, id: string, kinds: string[]): { entity: Entity; editor: boolean }[] {
  const seen = new Map<string, { entity: Entity; editor: boolean }>();
  const todo: [string, boolean][] = [[id, false]];
  while (todo.length) {
    const [at, before] = todo.pop()!;
    for (const r of kb.relations(at)) {
      if (!kinds.includes(r.kind) || r.other.id === id) continue;
      const editor = before || r.basis === 'editor';
      const known = seen.get(r.other.id);
      if (known && (editor || !known.editor)) continue;
      seen.set(r.other.id, { entity: r.other, editor });
      todo.push([r.other.id, editor]);
    }
  }
  return [...seen.values()];
}
const OWNERS = ['maker', 'part_of'];
const OWNED = ['makes', 'has_part'];

function place(into: Placed, card: string, via?: string, editor = false): void {
  const there = into.get(card);
  if (!via) into.set(card, new Map());
  else if (!there) into.set(card, new Map([[via, editor]]));
  else if (there.size) there.set(via, (there.get(via) ?? true) && editor); // a member in its own right stays unmarked
}

// Group id -> its cards. Platforms first when the KB holds a roster, then the segments in KB
// order, then Other when anything is left.
export function placements(kb: Kb, isCard: (e: Entity) => boolean): Map<string, Placed> {
  const segments = kb.entities.filter((e) => e.type === 'segment');
  const out = new Map<string, Placed>();
  const roster = rosters(kb);
  if (roster.length) {
    const platforms: Placed = new Map();
    const named = [...new Set(roster.flatMap((c) => c.about))];
    for (const id of named) place(platforms, id);
    for (const id of named)
      for (const { entity: e, editor } of reach(kb, id, OWNED))
        if (isCard(e) && !named.includes(e.id)) place(platforms, e.id, id, editor);
    out.set(PLATFORMS, platforms);
  }
  const cards = kb.entities.filter(isCard);
  for (const s of segments) out.set(s.id, new Map());
  for (const e of cards) for (const s of memberships(e)) out.get(s.id) && place(out.get(s.id)!, e.id);
  for (const s of segments) {
    const members = out.get(s.id)!;
    for (const id of [...members.keys()])
      for (const { entity: owner, editor } of reach(kb, id, OWNERS))
        if (isCard(owner)) place(members, owner.id, id, editor);
  }
  const shown = new Set([...out.values()].flatMap((g) => [...g.keys()]));
  const other: Placed = new Map(cards.filter((e) => !shown.has(e.id)).map((e) => [e.id, new Map<string, boolean>()]));
  if (other.size) out.set(OTHER, other);
  return out;
}
