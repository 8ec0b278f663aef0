// Selecting claims by subject, speaker, kind, unit, value and date.
import { UsageError } from '../errors.js';
import type { Kb } from './kb.js';
import { SPEAKER_TYPES } from '../model.js';
import { resolveEntity } from './resolve.js';
import type { Claim, Value } from '../load/schema.js';
import { didYouMean, shown } from '../text/suggest.js';

export interface ClaimFilter {
  about?: string;
  by?: string;
  kind?: string;
  unit?: string;
  min?: number;
  max?: number;
  since?: string;
  until?: string;
}

export function selectClaims(kb: Kb, f: ClaimFilter): Claim[] {
  let claims = kb.claims;
  if (f.by) claims = kb.claimsBy(resolveEntity(kb, f.by, { types: SPEAKER_TYPES, noun: 'speaker' }).id);
  if (f.about) {
    const id = resolveEntity(kb, f.about, { noun: 'subject' }).id;
    claims = claims.filter((c) => c.about.includes(id));
  }
  if (f.kind) claims = claims.filter((c) => c.kind === f.kind);
  if (f.unit) {
    const unit = knownUnit(kb, f.unit);
    claims = claims.filter((c) => c.value?.unit?.toLowerCase() === unit);
  }
  if (f.min !== undefined || f.max !== undefined) {
    const lo = f.min ?? -Infinity;
    const hi = f.max ?? Infinity;
    claims = claims.filter((c) => c.value && overlaps(bounds(c.value), [lo, hi]));
  }
  if (f.since || f.until) {
    const lo = f.since ? dayRange(f.since)[0] : '0000';
    const hi = f.until ? dayRange(f.until)[1] : '9999';
    claims = claims.filter(
      (c) => c.when && dayRange(c.when.date)[0] <= hi && dayRange(c.when.end ?? c.when.date)[1] >= lo,
    );
  }
  return claims;
}

// The units the figures use, as written.
export const unitsOf = (kb: Kb): Set<string> =>
  new Set(kb.claims.flatMap((c) => (c.value?.unit ? [c.value.unit] : [])));

// A unit is matched in any case; one no claim uses is a usage error, not an empty answer.
function knownUnit(kb: Kb, unit: string): string {
  const units = unitsOf(kb);
  const want = unit.toLowerCase();
  if ([...units].some((u) => u.toLowerCase() === want)) return want;
  throw new UsageError(
    `unknown unit "${shown(unit)}"${didYouMean(unit, units)}; units in this knowledge base: ${[...units]
      .sort()
      .map((u) => shown(u))
      .join(', ')}`,
  );
}

function bounds(v: Value): [number, number] {
  return 'amount' in v ? [v.amount, v.amount] : [v.min, v.max];
}

const overlaps = (a: [number, number], b: [number, number]) => a[0] <= b[1] && a[1] >= b[0];

// The first and last day a date of any precision covers, as comparable text.
export function dayRange(date: string): [string, string] {
  if (date.length === 10) return [date, date];
  if (date.length === 7) return [`${date}-01`, `${date}-31`];
  return [`${date}-01-01`, `${date}-12-31`];
}
