// Segment membership as companies and products filter on it: in any of the segments named, and
// with `listed`, only where the source lists it (a membership with a paragraph), not where the
// editor tagged it.
import type { Entity } from '../load/schema.js';
import type { Kb } from './kb.js';
import { resolveMany } from './resolve.js';

export function inSegments(kb: Kb, entities: Entity[], segment: string[] | undefined, listed = false): Entity[] {
  const segs = segment?.length
    ? new Set(resolveMany(kb, segment, { types: ['segment'], noun: 'segment' }).map((s) => s.id))
    : undefined;
  if (!segs && !listed) return entities;
  return entities.filter((e) =>
    e.segments.some((m) => (!segs || segs.has(m.id)) && (!listed || m.paragraph !== undefined)),
  );
}
