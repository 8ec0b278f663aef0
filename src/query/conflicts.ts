// Claims in tension. Stated: a claim's `contradicts`. Detected: two figures about the same
// subject that measure the same kind of thing, at the same date (or both undated), in the same
// unit family and per the same period, whose values cannot both be true. Repeats of one fact are
// never in tension, and a figure about nothing in particular (`about: []`, an example size) or
// in no unit is compared with nothing.
import type { Claim, Value } from '../load/schema.js';
import { DAYS, familyOf } from '../load/units.js';
import type { ConflictRow } from '../output/shapes.js';
import type { Kb } from './kb.js';
import { bounds, inSourceOrder } from './select.js';
import { claimView, entityRef } from './views.js';

// "about 375": taken as anything within a tenth of it either way.
const APPROX = 0.1;

export function conflicts(kb: Kb, about?: Set<string>): ConflictRow[] {
  const rows = [...stated(kb), ...detected(kb)];
  return about ? rows.filter((r) => r.about.some((a) => about.has(a.id))) : rows;
}

function row(kb: Kb, basis: ConflictRow['basis'], a: Claim, b: Claim, note: string | null): ConflictRow {
  const [first, second] = inSourceOrder(kb, [a, b]);
  const shared = a.about.filter((x) => b.about.includes(x));
  return {
    basis,
    about: (shared.length ? shared : [...new Set([...a.about, ...b.about])]).map((x) => entityRef(kb, x)),
    measure: a.measure !== undefined && a.measure === b.measure ? a.measure : null,
    claims: [claimView(kb, first), claimView(kb, second)],
    note,
  };
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\0${b}` : `${b}\0${a}`);

function stated(kb: Kb): ConflictRow[] {
  const seen = new Set<string>();
  const out: ConflictRow[] = [];
  for (const c of kb.claims) {
    for (const x of c.contradicts) {
      const other = kb.claim(x);
      const key = pairKey(c.id, x);
      if (!other || seen.has(key)) continue;
      seen.add(key);
      out.push(row(kb, 'stated', c, other, c.note ?? other.note ?? null));
    }
  }
  return out;
}

type Figure = Claim & { value: Value & { unit: string }; measure: string };

function detected(kb: Kb): ConflictRow[] {
  const groups = new Map<string, Figure[]>();
  for (const c of kb.claims) {
    if (c.kind !== 'figure' || !c.value?.unit || !c.measure) continue;
    const f = c as Figure;
    const w = f.when;
    const date = w ? `${w.date}..${w.end ?? ''} ${w.qualifier ?? ''}` : 'undated';
    for (const subject of new Set(f.about)) {
      const key = [subject, f.measure, familyOf(f.value.unit), f.value.per ?? '', date].join('\0');
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(f);
    }
  }
  const statedPairs = new Set(kb.claims.flatMap((c) => c.contradicts.map((x) => pairKey(c.id, x))));
  const seen = new Set<string>();
  const out: ConflictRow[] = [];
  for (const figures of groups.values()) {
    for (let i = 0; i < figures.length; i++) {
      for (let j = i + 1; j < figures.length; j++) {
        const [a, b] = [figures[i], figures[j]];
        // A fact and its repeats are one: a pair of facts is reported once, by its first tellings.
        const [fa, fb] = [kb.firstTelling(a.id), kb.firstTelling(b.id)];
        const key = pairKey(fa, fb);
        if (fa === fb || seen.has(key) || statedPairs.has(pairKey(a.id, b.id))) continue;
        if (compatible(a.value, b.value)) continue;
        seen.add(key);
        out.push(row(kb, 'detected', a, b, null));
      }
    }
  }
  return out;
}

// Two values can both be true when their ranges meet. Spans of time compare in days; other
// units only with themselves (an amount in USD and one in CNY are not compared).
function compatible(a: Value & { unit: string }, b: Value & { unit: string }): boolean {
  const scale = (v: Value & { unit: string }) => DAYS[v.unit];
  let [sa, sb] = [1, 1];
  if (a.unit !== b.unit) {
    if (scale(a) === undefined || scale(b) === undefined) return true;
    [sa, sb] = [scale(a), scale(b)];
  }
  const range = (v: Value, s: number): [number, number] => {
    const [lo, hi] = bounds(v);
    const k = v.approx ? APPROX : 0;
    return [lo * s * (1 - k), hi * s * (1 + k)];
  };
  const [x, y] = [range(a, sa), range(b, sb)];
  return x[0] <= y[1] && y[0] <= x[1];
}
