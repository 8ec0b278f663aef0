// Where each card goes on the landscape page, and through what. The page never claims a segment
// membership the KB does not hold: a card is a member of a group, or it is shown there *through*
// another card that is, and the page marks it so ("via Baidu Wenxin").
//   - A segment holds its members, and the organisations that make them or that they are part
//     of (Baidu through Baidu Wenxin, Kuaishou through cloud scissors, Douyin through Jianying).
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

// Card id -> the ids of the cards it is shown through; empty for a member in its own right.
export type Placed = Map<string, Set<string>>;

// Upward (maker, part_of) or downward (makes, has_part), transitively: the organisation behind
// Douyin's Jianying is whoever owns Douyin.
function reach(kb: Kb, id: string, kinds: string[]): Entity[] {
  const seen = new Map<string, Entity>();
  const todo = [id];
  while (todo.length) {
    for (const r of kb.relations(todo.pop()!)) {
      if (!kinds.includes(r.kind) || r.other.id === id || seen.has(r.other.id)) continue;
      seen.set(r.other.id, r.other);
      todo.push(r.other.id);
    }
  }
  return [...seen.values()];
}
const OWNERS = ['maker', 'part_of'];
const OWNED = ['makes', 'has_part'];

function place(into: Placed, card: string, via?: string): void {
  const there = into.get(card);
  if (!via) into.set(card, new Set());
  else if (!there) into.set(card, new Set([via]));
  else if (there.size) there.add(via); // a member in its own right stays unmarked
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
      for (const e of reach(kb, id, OWNED)) if (isCard(e) && !named.includes(e.id)) place(platforms, e.id, id);
    out.set(PLATFORMS, platforms);
  }
  const cards = kb.entities.filter(isCard);
  for (const s of segments) out.set(s.id, new Map());
  for (const e of cards) for (const s of memberships(e)) out.get(s.id) && place(out.get(s.id)!, e.id);
  for (const s of segments) {
    const members = out.get(s.id)!;
    for (const id of [...members.keys()])
      for (const owner of reach(kb, id, OWNERS)) if (isCard(owner)) place(members, owner.id, id);
  }
  const shown = new Set([...out.values()].flatMap((g) => [...g.keys()]));
  const other: Placed = new Map(cards.filter((e) => !shown.has(e.id)).map((e) => [e.id, new Set<string>()]));
  if (other.size) out.set(OTHER, other);
  return out;
}
