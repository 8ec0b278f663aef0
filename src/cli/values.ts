// The parser of each value type. A parser carries its type (and a choice its values), so that
// shell completion knows what to offer for any flag or argument without a table of its own.
import { choice, count, date, number, text } from './parsers.js';
import type { ValueType } from './define.js';

export type Parser = ((v: string, prev?: unknown) => unknown) & { type: ValueType; values?: readonly string[] };

function one(type: ValueType): (v: string) => unknown {
  if (typeof type === 'object' && 'choice' in type) return choice(type.choice);
  if (type === 'number') return number;
  if (type === 'count') return count;
  if (type === 'date') return date;
  return text;
}

export function parserFor(type: ValueType = 'text', repeatable = false): Parser {
  const parse = one(type);
  // A repeated flag collects its values in the order given. A fresh function either way: the
  // type is attached to it, and the parsers themselves are shared.
  const fn = repeatable
    ? (v: string, prev?: unknown) => [...((prev as unknown[]) ?? []), parse(v)]
    : (v: string) => parse(v);
  const values =
    typeof type !== 'object' ? undefined : 'choice' in type ? type.choice : 'names' in type ? type.names : undefined;
  return Object.assign(fn, { type, values });
}

// The type a commander option or argument was declared with, if aigc declared it.
export const typeOf = (o: { parseArg?: unknown }): ValueType | undefined => (o.parseArg as Parser | undefined)?.type;
