// The timeline: every dated claim (an event, a figure, any claim with `when`), in date order,
// each with its date's precision and whether the date was worked out rather than printed.
import type { Kb } from './kb.js';
import { precisionOf } from '../model.js';
import type { TimelineRow } from '../output/shapes.js';
import type { Claim, When } from '../load/schema.js';
import { type ClaimFilter, dayRange, selectClaims } from './select.js';
import { claimText, entityRef, sourceRef } from './views.js';
import { compareText } from '../text/words.js';

export type { TimelineRow };

// The timeline takes every claim filter; the dated claims it selects come in date order.
export type TimelineFilter = ClaimFilter;

export function timeline(kb: Kb, f: TimelineFilter) {
  const dated = selectClaims(kb, f).filter((c): c is Claim & { when: When } => c.when !== undefined);
  return dated.map((c) => timelineRow(kb, c)).sort(byDate);
}

export function timelineRow(kb: Kb, c: Claim & { when: When }): TimelineRow {
  const w = c.when;
  return {
    id: c.id,
    kind: c.kind,
    modality: c.modality,
    date: w.date,
    end: w.end ?? null,
    qualifier: w.qualifier ?? null,
    precision: precisionOf(w.date),
    inferred: w.inferred,
    basis: w.basis ?? null,
    text: claimText(kb, c),
    about: c.about.map((a) => entityRef(kb, a)),
    by: c.by ? { ...entityRef(kb, c.by), inferred: c.by_inferred ?? null } : null,
    value: c.value ?? null,
    measures: c.measures ?? null,
    source: sourceRef(kb, c.source),
    paragraph: c.paragraph,
  };
}

const RANK = { year: 0, month: 1, day: 2 };

// By the first day a date covers; a coarser date first among those that start the same day
// (2022, then 2022-01, then 2022-01-01), as a heading comes before what falls under it; then
// the shorter span, then the id, so that the order is the same on every run.
export function byDate(a: TimelineRow, b: TimelineRow): number {
  return (
    compareText(dayRange(a.date)[0], dayRange(b.date)[0]) ||
    RANK[a.precision] - RANK[b.precision] ||
    compareText(dayRange(a.end ?? a.date)[1], dayRange(b.end ?? b.date)[1]) ||
    compareText(a.id, b.id)
  );
}
