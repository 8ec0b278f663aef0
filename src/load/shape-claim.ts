// The shape of a claim read back from the cache (see shape.ts): its value, its date, whom it was
// said to, and its own fields, as the schema (schema.ts) leaves them once validated.
import { CLAIM_KINDS, MEASURES, MODALITIES, QUALIFIERS } from '../model.js';
import { has, isObject, nullOrStr, only, optNum, optPara, optStr, positive, strings } from './shape-kit.js';

const CLAIM_KIND = new Set<unknown>(CLAIM_KINDS);
const MODALITY = new Set<unknown>(MODALITIES);
const MEASURE = new Set<unknown>(MEASURES);
const QUALIFIER = new Set<unknown>(QUALIFIERS);

function isValue(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { amount, min, max, unit, per, approx } = v;
  if (!(optStr(unit) && optStr(per) && (approx === undefined || typeof approx === 'boolean'))) return false;
  if (!(optNum(amount) && optNum(min) && optNum(max))) return false;
  const range = min !== undefined || max !== undefined;
  if ((amount === undefined) === !range) return false; // an amount or a range, not both, not neither
  return only(v, has(amount) + has(min) + has(max) + has(unit) + has(per) + has(approx));
}

function isWhen(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { date, end, qualifier, inferred, basis, paragraph } = v;
  return (
    typeof date === 'string' &&
    optStr(end) &&
    (qualifier === undefined || QUALIFIER.has(qualifier)) &&
    typeof inferred === 'boolean' &&
    optStr(basis) &&
    optPara(paragraph) &&
    only(v, 2 + has(end) + has(qualifier) + has(basis) + has(paragraph))
  );
}

function isAddressee(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { id, paragraph } = v;
  return typeof id === 'string' && optPara(paragraph) && only(v, 1 + has(paragraph));
}

export function isClaim(v: unknown): boolean {
  if (!isObject(v)) return false;
  const {
    id,
    kind,
    modality,
    about,
    by,
    by_inferred,
    via,
    via_inferred,
    to,
    text,
    role,
    org,
    value,
    measure,
    measures,
    when,
    source,
    paragraph,
    repeats,
    contradicts,
    note,
  } = v;
  return (
    typeof id === 'string' &&
    CLAIM_KIND.has(kind) &&
    MODALITY.has(modality) &&
    strings(about) &&
    nullOrStr(by) &&
    optStr(by_inferred) &&
    nullOrStr(via) &&
    optStr(via_inferred) &&
    (to === null || isAddressee(to)) &&
    optStr(text) &&
    optStr(role) &&
    optStr(org) &&
    (value === undefined || isValue(value)) &&
    (measure === undefined || MEASURE.has(measure)) &&
    optStr(measures) &&
    (when === undefined || isWhen(when)) &&
    typeof source === 'string' &&
    positive(paragraph) &&
    optStr(repeats) &&
    strings(contradicts) &&
    optStr(note) &&
    only(
      v,
      10 +
        has(by_inferred) +
        has(via_inferred) +
        has(text) +
        has(role) +
        has(org) +
        has(value) +
        has(measure) +
        has(measures) +
        has(when) +
        has(repeats) +
        has(note),
    )
  );
}
