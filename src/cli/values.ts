// The parser of each value type. A parser carries its type (and a choice its values), so that
// shell completion knows what to offer for any flag or argument without a table of its own.
import { InvalidArgumentError } from 'commander';
import { isDate } from '../model.js';
import { choice, count, date, number, text } from './parsers.js';
import type { ValueType } from './define.js';

export type Parser = ((v: string, prev?: unknown) => unknown) & { type: ValueType; values?: readonly string[] };

function one(type: ValueType): (v: string) => unknown {
  if (typeof type === 'object' && 'choice' in type) return choice(type.choice);
  if (type === 'number') return number;
  if (type === 'count') return count;
  if (type === 'date') return date;
  if (type === 'period') return period;
  if (type === 'paragraphs') return paragraphs;
  return text;
}

// 2023-01, 2022-10..2023-02, 2023.. or ..2022: a period's ends are dates, one may be open.
function period(v: string): string {
  const ends = v.split('..');
  if (ends.length > 2 || ends.every((e) => !e) || ends.some((e) => e && !isDate(e)))
    throw new InvalidArgumentError(
      'expected a date (YYYY, YYYY-MM or YYYY-MM-DD) or FROM..TO, such as 2022-10..2023-02',
    );
  return v;
}

// 40, 93-97, or 12,25.
function paragraphs(v: string): string {
  for (const part of v.split(',')) {
    const m = /^\s*(\d{1,6})(?:-(\d{1,6}))?\s*$/.exec(part);
    if (!m || Number(m[1]) < 1 || Number(m[2] ?? m[1]) < Number(m[1]))
      throw new InvalidArgumentError('expected a paragraph number N or a range N-M, such as 40 or 93-97');
  }
  return v;
}

export function parserFor(type: ValueType = 'text', repeatable = false): Parser {
  const parse = one(type);
  // A repeated flag collects its values in the order given. A fresh function either way: the
  // type is attached to it, and the parsers themselves are shared.
  // A choice may also be given as a comma list (`--kind figure,event`), each part checked.
  const isChoice = typeof type === 'object' && 'choice' in type;
  const each = (v: string) => (isChoice ? v.split(',').map((p) => parse(p.trim())) : [parse(v)]);
  const fn = repeatable
    ? (v: string, prev?: unknown) => [...((prev as unknown[]) ?? []), ...each(v)]
    : (v: string) => parse(v);
  const values =
    typeof type !== 'object' ? undefined : 'choice' in type ? type.choice : 'names' in type ? type.names : undefined;
  return Object.assign(fn, { type, values });
}

// The type a commander option or argument was declared with, if aigc declared it.
export const typeOf = (o: { parseArg?: unknown }): ValueType | undefined => (o.parseArg as Parser | undefined)?.type;
