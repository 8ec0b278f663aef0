// A tool's input, made from its command's declaration: each argument and flag becomes a
// property of the input schema, and a call's input becomes the positional arguments and options
// the command's run takes, each value checked by the CLI's own parser. A flag added to a command
// reaches its tool with no change here.
import { z } from 'zod';
import { bytesOver, MAX_ARGUMENT_BYTES, n } from '../cli/arguments.js';
import type { Arg, Flag, ValueType } from '../cli/define.js';
import { parserFor } from '../cli/values.js';
import { UsageError } from '../errors.js';
import { DATE } from '../model.js';
import { didYouMean, shown } from '../text/suggest.js';
import { described } from './results.js';

// One call returns at most this many rows (or paragraphs, or items of each list of a card).
export const LIMIT = { default: 50, max: 200 } as const;
// A list parameter holds at most this many values: more names, kinds or paragraph ranges than
// any question needs, and a bound on what one call can ask the server to do (each value is
// bounded too, as a CLI argument is).
export const MAX_VALUES = 100;

// Property names in snake_case (`with_products`): the form every client's tool calling accepts.
export const propOf = (name: string): string => name.replace(/-/g, '_');
// The key commander gives a flag's value in the options a command's run reads: `withProducts`.
export const optionKey = (name: string): string => name.replace(/-([a-z0-9])/gi, (_, c: string) => c.toUpperCase());

// What each kind of value looks like, for a reader of the schema who has no --help; nothing
// where the flag's help already says it.
function hint(type: ValueType, help: string): string {
  if (typeof type === 'object') {
    if (!('entity' in type) || /\bid\b/.test(help)) return '';
    const types =
      type.entity === 'any' || (type.entity.length === 1 && type.entity[0] === type.noun) ? [] : type.entity;
    return `an id, name or alias of ${/^[aeiou]/.test(type.noun) ? 'an' : 'a'} ${type.noun}${types.length ? ` (${types.join(', ')})` : ''}`;
  }
  const said: Partial<Record<ValueType & string, RegExp>> = { number: /1e8/, date: /YYYY/, period: /FROM\.\.TO/ };
  if (said[type]?.test(help)) return '';
  return {
    text: '',
    number: 'a number, or text such as "100M" or "1e8"',
    count: 'a whole number, 0 or more',
    date: 'YYYY, YYYY-MM or YYYY-MM-DD',
    period: 'a date, or FROM..TO with either end left out, such as "2022-10..2023-02"',
    paragraphs: 'a paragraph number, or "N-M", or a comma list of them',
    unit: '',
    file: '',
    dir: '',
  }[type];
}

// A flag's help as a property's description: what the CLI says of repeating a flag is said of
// lists here, and a flag is named as its property.
const helpOf = (help: string) =>
  help
    .replace(/\s*\(repeatable[^)]*\)/, '')
    .replace(/;\s*repeatable[^)]*\)/, ')')
    .replace(/--([a-z][a-z0-9-]*)/g, (_, name: string) => `\`${propOf(name)}\``);

function valueSchema(type: ValueType): z.ZodType {
  if (typeof type === 'object') {
    if ('choice' in type) return z.enum(type.choice as [string, ...string[]]);
    if ('names' in type) return z.enum(type.names as [string, ...string[]]);
    return z.string().min(1);
  }
  if (type === 'number') return z.union([z.number(), z.string().min(1)]);
  if (type === 'count') return z.number().int().min(0);
  if (type === 'date') return z.string().regex(DATE);
  if (type === 'paragraphs') return z.union([z.number().int().positive(), z.string().min(1)]);
  return z.string().min(1);
}

// An argument is a value given by position; a flag without `arg` is a switch.
type Param = { positional: true; decl: Arg } | { positional: false; decl: Flag };
const many = (p: Param) => (p.positional ? Boolean(p.decl.variadic) : Boolean(p.decl.repeatable));
const takesValue = (p: Param) => p.positional || Boolean(p.decl.arg);
const params = (spec: InputSpec): Param[] => [
  ...spec.args.map((decl) => ({ positional: true as const, decl })),
  ...spec.flags.map((decl) => ({ positional: false as const, decl })),
];

function paramSchema(p: Param): z.ZodType {
  const help = helpOf(p.decl.help);
  if (!takesValue(p)) {
    const negate = !p.positional && p.decl.negate;
    return described(z.boolean().optional(), negate ? `${help} (true unless given false)` : help);
  }
  const type = p.decl.type ?? 'text';
  const what = hint(type, help);
  const one = valueSchema(type);
  const s = many(p) ? z.array(one).min(1).max(MAX_VALUES) : one;
  const text = [help, what && (many(p) ? `each ${what}` : what), many(p) && 'a list: any of them']
    .filter(Boolean)
    .join('; ');
  return described(p.decl.required ? s : s.optional(), text);
}

// File and folder values are left out: the server answers from the KB it loaded, and a client
// that named paths could make it read files of its choosing.
const servable = (p: Param) => p.decl.type !== 'file' && p.decl.type !== 'dir';

export interface InputSpec {
  args: Arg[];
  flags: Flag[];
  paging: boolean; // limit and offset (a list), or limit alone (a card)
}

export function inputSchema(spec: InputSpec) {
  const shape: Record<string, z.ZodType> = {};
  for (const p of params(spec).filter(servable)) shape[propOf(p.decl.name)] = paramSchema(p);
  shape.limit = described(
    z.number().int().min(1).max(LIMIT.max).default(LIMIT.default),
    spec.paging
      ? `at most this many rows (default ${LIMIT.default}, at most ${LIMIT.max})`
      : `at most this many items of each list (default ${LIMIT.default}, at most ${LIMIT.max})`,
  );
  if (spec.paging)
    shape.offset = described(
      z.number().int().min(0).default(0),
      'skip this many rows first: the next page starts at offset + limit',
    );
  return z.strictObject(shape);
}

export type InputSchema = ReturnType<typeof inputSchema>;
export type Input = Record<string, unknown> & { limit: number; offset?: number };

// Checks the input against the schema, naming an unknown property's closest known one.
export function checkInput(schema: InputSchema, given: unknown): Input {
  const known = Object.keys(schema.shape);
  if (given && typeof given === 'object')
    for (const k of Object.keys(given))
      if (!known.includes(k))
        throw new UsageError(`unknown parameter "${shown(k)}"${didYouMean(k, known)}; parameters: ${known.join(', ')}`);
  // Each value is measured before a parser, a name lookup or a search sees it, as each argument
  // of the CLI is (src/cli/arguments.ts); the message names the parameter, not its text.
  for (const [k, v] of Object.entries((given ?? {}) as Record<string, unknown>))
    for (const x of [v].flat()) {
      const bytes = typeof x === 'string' ? bytesOver(x) : undefined;
      if (bytes !== undefined)
        throw new UsageError(`${k} is ${n(bytes)} bytes long; a value may be at most ${n(MAX_ARGUMENT_BYTES)} bytes`);
    }
  // One value where a list is wanted is a list of one: `unit: "USD"` as `unit: ["USD"]`.
  const lists = Object.fromEntries(
    Object.entries((given ?? {}) as Record<string, unknown>).map(([k, v]) => {
      const s = schema.shape[k];
      const inner = s instanceof z.ZodOptional ? s.unwrap() : s;
      return [k, inner instanceof z.ZodArray && !Array.isArray(v) && v !== undefined ? [v] : v];
    }),
  );
  const r = schema.safeParse(lists);
  if (!r.success)
    throw new UsageError(
      z
        .prettifyError(r.error)
        .replace(/\n\s*→ at /g, ' at ')
        .replace(/^✖ /gm, ''),
    );
  return r.data as Input;
}

// One value through the CLI's parser, as if typed: "100M" becomes 100000000, a bad date is refused.
function parsed(p: Param, value: unknown, prev?: unknown): unknown {
  const type = p.decl.type ?? 'text';
  if (typeof value === 'number' && (type === 'number' || type === 'count'))
    return many(p) ? [...((prev as unknown[]) ?? []), value] : value;
  try {
    return parserFor(type, many(p))(String(value), prev);
  } catch (e) {
    throw new UsageError(`invalid ${propOf(p.decl.name)} "${shown(String(value))}": ${(e as Error).message}`);
  }
}

function valueGiven(p: Param, v: unknown): unknown {
  if (!many(p)) return parsed(p, v);
  let acc: unknown;
  for (const x of v as unknown[]) acc = parsed(p, x, acc);
  return acc;
}

// The positional arguments and options a command's run takes, from a checked input.
export function invocation(spec: InputSpec, input: Input): { args: string[]; opts: Record<string, unknown> } {
  const args: string[] = [];
  const opts: Record<string, unknown> = {};
  let gap = false;
  for (const p of params(spec).filter(servable)) {
    const v = input[propOf(p.decl.name)];
    if (p.positional) {
      // Positions after a missing argument would shift: commander stops there too.
      gap ||= v === undefined;
      if (gap) continue;
      const got = valueGiven(p, v);
      args.push(...(Array.isArray(got) ? got : [got]).map(String));
    } else if (p.decl.negate) opts[optionKey(p.decl.name)] = v ?? true;
    else if (v !== undefined) opts[optionKey(p.decl.name)] = takesValue(p) ? valueGiven(p, v) : v;
  }
  return { args, opts };
}
