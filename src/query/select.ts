// Selecting claims by subject, speaker, kind, unit, value, date, paragraph and words, and by the
// fields of format 2 (modality, relay, addressee, inferred speaker, measure). A flag that names
// things takes several (OR within the flag); different flags narrow each other (AND).
import { UsageError } from '../errors.js';
import type { Claim, Value } from '../load/schema.js';
import { FAMILIES, UNIT_FAMILIES, UNITS } from '../load/units.js';
import { ORG_TYPES, SPEAKER_TYPES } from '../model.js';
import { didYouMean, shown } from '../text/suggest.js';
import type { Kb } from './kb.js';
import { matcher } from './match.js';
import { resolveMany, splitValues } from './resolve.js';

export interface ClaimFilter {
  about?: string[];
  withProducts?: boolean; // --about an organisation covers its products and its parts too
  by?: string[]; // said by, or relayed by (via)
  byAuthor?: boolean; // said by the author of the claim's source: what the source itself concludes
  via?: string[];
  to?: string[];
  inferredSpeaker?: boolean; // the speaker or the relay is inferred, not named by a verb of saying
  modality?: string[];
  measure?: string[];
  kind?: string[];
  unit?: string[];
  min?: number;
  max?: number;
  since?: string; // the claim's dates overlap [since, until]
  until?: string;
  within?: string; // the claim's dates lie inside this period: YYYY[-MM[-DD]] or FROM..TO
  paragraph?: string[]; // N or N-M
  match?: string; // words or "a phrase" in the text, what a figure measures, or the note
}

export function selectClaims(kb: Kb, f: ClaimFilter): Claim[] {
  let claims = kb.claims;
  if (f.by?.length) {
    // What someone said includes what they relayed: Tian Taoyuan's quotations of OpenAI's report.
    const ids = new Set(resolveMany(kb, f.by, { types: SPEAKER_TYPES, noun: 'speaker' }).map((e) => e.id));
    claims = claims.filter((c) => (c.by !== null && ids.has(c.by)) || (c.via !== null && ids.has(c.via)));
  }
  if (f.byAuthor) {
    const authors = new Map(kb.sources.map((s) => [s.id, s.author]));
    claims = claims.filter((c) => c.by !== null && authors.get(c.source) === c.by);
  }
  if (f.via?.length) {
    const ids = new Set(resolveMany(kb, f.via, { types: SPEAKER_TYPES, noun: 'speaker' }).map((e) => e.id));
    claims = claims.filter((c) => c.via !== null && ids.has(c.via));
  }
  if (f.to?.length) {
    const ids = new Set(resolveMany(kb, f.to, { noun: 'addressee' }).map((e) => e.id));
    claims = claims.filter((c) => c.to !== null && ids.has(c.to.id));
  }
  if (f.inferredSpeaker) claims = claims.filter((c) => c.by_inferred !== undefined || c.via_inferred !== undefined);
  const modalities = splitValues(f.modality);
  if (modalities.length) claims = claims.filter((c) => modalities.includes(c.modality));
  const measures = splitValues(f.measure);
  if (measures.length) claims = claims.filter((c) => c.measure !== undefined && measures.includes(c.measure));
  if (f.about?.length) {
    const ids = new Set(subjects(kb, f.about, Boolean(f.withProducts)));
    claims = claims.filter((c) => c.about.some((a) => ids.has(a)));
  }
  const kinds = splitValues(f.kind);
  if (kinds.length) claims = claims.filter((c) => kinds.includes(c.kind));
  const units = new Set(splitValues(f.unit).flatMap(unitsNamed));
  if (units.size) claims = claims.filter((c) => c.value?.unit !== undefined && units.has(c.value.unit));
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
  if (f.within) {
    const [lo, hi] = period(f.within);
    claims = claims.filter(
      (c) => c.when && dayRange(c.when.date)[0] >= lo && dayRange(c.when.end ?? c.when.date)[1] <= hi,
    );
  }
  if (f.paragraph?.length) {
    const ranges = splitValues(f.paragraph).map(paragraphRange);
    claims = claims.filter((c) => ranges.some(([a, b]) => c.paragraph >= a && c.paragraph <= b));
  }
  if (f.match !== undefined) {
    const test = matcher(f.match);
    // What a figure measures, in words and as its kind (funding-round), is matched too.
    claims = claims.filter((c) => test([c.text ?? '', c.role ?? '', c.measures ?? '', c.measure ?? '', c.note ?? '']));
  }
  return claims;
}

// The claims in the order the sources tell them: by source, then paragraph, then as given (the
// filters keep the KB's order). Keys are made once: on 100,000 claims a comparator that looked
// them up cost most of a second.
export function inSourceOrder(kb: Kb, claims: Claim[]): Claim[] {
  const rank = new Map(kb.sources.map((s, i) => [s.id, i]));
  const keyed = claims.map((c, i) => ({ c, s: rank.get(c.source) ?? 0, p: c.paragraph, i }));
  keyed.sort((a, b) => a.s - b.s || a.p - b.p || a.i - b.i);
  return keyed.map((k) => k.c);
}

// The subjects --about names; with --with-products, an organisation brings its parts (Douyin of
// ByteDance), what it and its parts make, and what is part of those products.
function subjects(kb: Kb, names: string[], withProducts: boolean): string[] {
  const named = resolveMany(kb, names, { noun: 'subject' });
  if (!withProducts) return named.map((e) => e.id);
  const out = new Set<string>();
  for (const e of named) {
    if (!ORG_TYPES.includes(e.type)) {
      out.add(e.id);
      continue;
    }
    for (const id of kb.withParts(e.id)) {
      out.add(id);
      for (const r of kb.relations(id)) if (r.kind === 'makes') for (const p of kb.withParts(r.other.id)) out.add(p);
    }
  }
  return [...out];
}

// What --unit takes: a unit of the vocabulary (users, whatever its `per`) or a family (money,
// time), in any case; anything else is a usage error with the closest names.
export const UNIT_NAMES: readonly string[] = [...new Set<string>([...UNITS, ...FAMILIES])];
export function unitsNamed(name: string): string[] {
  const want = name.toLowerCase();
  const family = FAMILIES.find((f) => f === want);
  if (family) return [...UNIT_FAMILIES[family]];
  const unit = UNITS.find((u) => u.toLowerCase() === want);
  if (unit) return [unit];
  throw new UsageError(
    `unknown unit "${shown(name)}"${didYouMean(name, UNIT_NAMES)} (a unit, or a family such as money or time); expected one of ${UNIT_NAMES.join(', ')}`,
  );
}

// A value as the numbers it may be: an open end runs to infinity.
export function bounds(v: Value): [number, number] {
  return v.amount !== undefined ? [v.amount, v.amount] : [v.min ?? -Infinity, v.max ?? Infinity];
}

const overlaps = (a: [number, number], b: [number, number]) => a[0] <= b[1] && a[1] >= b[0];

// The first and last day a date of any precision covers, as comparable text.
export function dayRange(date: string): [string, string] {
  if (date.length === 10) return [date, date];
  if (date.length === 7) return [`${date}-01`, `${date}-31`];
  return [`${date}-01-01`, `${date}-12-31`];
}

// A period: one date of any precision (2023-01 is all of January), or FROM..TO, either end open.
export function period(v: string): [string, string] {
  const [from, to] = v.includes('..') ? v.split('..') : [v, v];
  return [from ? dayRange(from)[0] : '0000', to ? dayRange(to)[1] : '9999'];
}

// N, or N-M.
export function paragraphRange(v: string): [number, number] {
  const m = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(v.trim());
  const [a, b] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [0, -1];
  if (!m || a < 1 || b < a)
    throw new UsageError(`--paragraph wants N or N-M (from 1, N not above M), got "${shown(v)}"`);
  return [a, b];
}
