// Flag value parsers: each turns text into a value or says, as a usage error, what it wanted.
import { InvalidArgumentError } from 'commander';
import { isDate } from '../model.js';
import { didYouMean } from '../text/suggest.js';

// The parser carries its values, for shell completion to offer.
export function choice(values: readonly string[]) {
  const parse = (v: string) => {
    if (values.includes(v)) return v;
    throw new InvalidArgumentError(`expected one of ${values.join(', ')}${didYouMean(v, values)}`);
  };
  return Object.assign(parse, { values });
}

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

// 100000000, 1e8, 100_000_000, 100M and 0.1B are the same number. Each part of the pattern
// can match a given text in one way only (an `_` stands between digits), so a long argument
// that fails is rejected in one pass: the pattern this replaces retried every split of a run of
// digits, 41 s for 80,000 of them.
const NUMBER = /^(-?(?:\d(?:_?\d)*)?(?:\.\d+)?(?:e[+-]?\d+)?)\s*([kmbt])?$/i;

export function number(v: string): number {
  const m = NUMBER.exec(v.trim());
  const digits = m?.[1].replace(/_/g, '');
  // The pattern lets every part be absent: a number needs a digit before any exponent.
  const n = m && digits && /^-?\.?\d/.test(digits) ? Number(digits) * (m[2] ? SUFFIX[m[2].toLowerCase()] : 1) : NaN;
  if (!Number.isFinite(n)) throw new InvalidArgumentError('expected a number, such as 100000000, 1e8 or 100M');
  return n;
}

export function count(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError('expected a whole number, 0 or more');
  return n;
}

export function date(v: string): string {
  if (!isDate(v)) throw new InvalidArgumentError('expected a real date: YYYY, YYYY-MM or YYYY-MM-DD');
  return v;
}

export function text(v: string): string {
  if (!v.trim()) throw new InvalidArgumentError('expected some text, not an empty string');
  return v;
}

export function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}
