// Messages for the fields of format version 2 that zod's own words serve badly: a field with a
// short and a long form (reported in the form the author wrote), the unit and `per`
// vocabularies (with the families, and what a v1 unit such as "users per day" becomes), and the
// v1 constructs that changed (a works_at relation). validate.ts asks here first.
import type { z } from 'zod';
import { didYouMean, shown } from '../text/suggest.js';
import { COUNTRY_CODES, COUNTRY_HINTS } from './countries.js';
import { PERS, splitPer, UNIT_FAMILIES, UNITS } from './units.js';

type Issue = z.core.$ZodIssue;
type Key = string | number;

// A union of a short form and a long one (`segments: [id]` or `[{id, paragraph}]`): the issues of
// the branch the author wrote, which is the one whose type the value has. Undefined when the
// value has the type of no branch (the caller then says what the field takes).
export function unionBranch(issue: Issue): Issue[] | undefined {
  if (issue.code !== 'invalid_union' || !('errors' in issue)) return undefined;
  const fitting = issue.errors.filter((branch) => !branch.some((i) => i.code === 'invalid_type' && !i.path.length));
  if (!fitting.length) return undefined;
  const best = fitting.reduce((a, b) => (b.length < a.length ? b : a));
  return best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue);
}

// What a field with two forms takes, for a value of neither type.
const FORMS: Record<string, string> = {
  segments: 'a segment id (the editor’s tag) or {id, paragraph} (listed by the source)',
  identity: 'named, pseudonym, anonymous or group, or {value, paragraph} or {value, editor: true}',
  to: 'an entity id, or {id, paragraph}',
};

export function formsOf(path: Key[]): string | undefined {
  const named = [...path].reverse().find((p): p is string => typeof p === 'string');
  return named ? FORMS[named] : undefined;
}

// Words people write for a unit of the vocabulary.
const UNIT_HINTS: Record<string, string> = {
  yuan: 'CNY',
  rmb: 'CNY',
  dollars: 'USD',
  dollar: 'USD',
  $: 'USD',
  '%': 'percent',
  persons: 'people',
  employees: 'people',
  staff: 'people',
  user: 'users',
  times: 'fold',
  x: 'fold',
};

const families = () =>
  Object.entries(UNIT_FAMILIES)
    .map(([f, units]) => `${f} (${units.join(', ')})`)
    .join('; ');

// A message for an issue at `path` with the value written there, or undefined for the usual one.
export function fieldMessage(path: Key[], value: unknown, issue: Issue): string | undefined {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (issue.code === 'invalid_value' && last === 'editor' && issue.values.length === 1 && issue.values[0] === true)
    return '`editor` is `true` (supplied by the editor), or left out';
  if (issue.code !== 'invalid_value' || typeof value !== 'string') return undefined;
  if (last === 'unit' && parent === 'value') return unitMessage(value);
  if (last === 'per' && parent === 'value')
    return `\`value.per\` \`${shown(value)}\` is not a period or denominator of the vocabulary${hint(value, PERS)}; \`per\` is one of ${PERS.join(', ')}`;
  if (last === 'kind' && path[path.length - 3] === 'relations' && value === 'works_at')
    return 'a `works_at` relation is a v1 construct: in v2 who works where is a role claim of its own (kind: role, about: [PERSON], role: the source’s words, org: ORGANISATION, source, paragraph)';
  if (last === 'code' || (last === 'country' && parent === 'editor')) {
    const near =
      COUNTRY_HINTS[value.toUpperCase()] ??
      (COUNTRY_CODES.includes(value.toUpperCase()) ? value.toUpperCase() : undefined);
    const mean = near ? ` (did you mean \`${near}\`?)` : didYouMean(value, COUNTRY_CODES);
    return `\`${path.filter((p) => typeof p === 'string').join('.')}\` \`${shown(value)}\` is not an ISO 3166-1 alpha-2 country code${mean}`;
  }
  return undefined;
}

function unitMessage(unit: string): string {
  const head = `\`value.unit\` \`${shown(unit)}\` is not a unit of the vocabulary`;
  const split = splitPer(unit);
  if (split) {
    const u = pickUnit(split.unit);
    const p = PERS.find((x) => x === split.per.toLowerCase().replace(/s$/, ''));
    if (u && p) return `${head}: write \`unit: ${u}\` and \`per: ${p}\` (the period goes in \`per\`)`;
  }
  const mean = pickUnit(unit);
  if (mean) return `${head} (did you mean \`${mean}\`?)`;
  const typo = didYouMean(unit, UNITS);
  return typo ? `${head}${typo}` : `${head}; units by family: ${families()}`;
}

// A unit for what was written: itself in another case, a word for it, a plural, or a typo.
function pickUnit(word: string): string | undefined {
  const w = word.trim();
  const lower = w.toLowerCase();
  const exact = UNITS.find((u) => [lower, lower.replace(/s$/, ''), `${lower}s`].includes(u.toLowerCase()));
  if (exact) return exact;
  return UNIT_HINTS[lower];
}

const hint = (v: string, known: readonly string[]) => {
  const plural = known.find((k) => k === v.toLowerCase().replace(/s$/, ''));
  return plural ? ` (did you mean \`${plural}\`?)` : didYouMean(v, known);
};

// A field a v1 file had where v2 has none, said so beside "unknown field".
export function unknownFieldHint(path: Key[], key: string): string {
  if (key === 'role' && path.includes('relations'))
    return ' (in v2 a role is a claim of its own: kind: role, with `role` and `org`)';
  return '';
}
