// What a command is: one declaration of its arguments, flags, help, examples and, for a list
// command, its columns, facets and fields, beside the function that runs it. commander's
// program, the help, shell completion and the docs are all made from these declarations, so a
// flag is written once, in its command's file.
import type { Io } from '../io.js';
import type { Loaded } from '../load/load.js';
import type { Kb } from '../query/kb.js';
import type { Chunks } from '../output/emit.js';
import type { Facets } from '../output/facet.js';
import type { OutputOptions, RenderContext } from '../output/render.js';

// How a value is read, checked and completed.
export type ValueType =
  | 'text'
  | 'number' // 100000000, 1e8, 100M
  | 'count' // a whole number, 0 or more
  | 'date' // YYYY, YYYY-MM or YYYY-MM-DD
  | 'period' // a date, or FROM..TO (either end may be left out)
  | 'paragraphs' // N or N-M, or a comma list of them
  | 'unit' // a unit the KB's figures use
  | 'file' // a path the shell completes
  | 'dir'
  | { choice: readonly string[] }
  // Names checked by the command itself, which says what it has (--facet): offered, not enforced here.
  | { names: readonly string[] }
  // An entity by id, name or alias, of these types (all types when absent); `speaker` narrows
  // completion to those who said something (of these claim kinds).
  | { entity: readonly string[] | 'any'; noun: string; speaker?: readonly string[] | true };

export interface Flag {
  name: string; // the long name, without dashes: `segment` is --segment
  arg?: string; // the value's placeholder; absent for a switch
  optional?: boolean; // the value may be left out (`--json` or `--json id,name`)
  type?: ValueType; // default: text
  help: string;
  repeatable?: boolean; // given more than once (and as a comma list), it collects every value
  required?: boolean;
  negate?: boolean; // a `--no-NAME` switch: the option NAME defaults to true
}

export interface Arg {
  name: string;
  help: string;
  required?: boolean;
  variadic?: boolean;
  type?: ValueType;
}

// What every command receives.
export interface Ctx {
  io: Io;
  load(): Promise<Loaded>;
  view: RenderContext;
  global: GlobalOptions; // as given: --kb, --texts...
  // The same run with other global options (a --kb typed on a line being completed).
  with(global: Partial<GlobalOptions>): Ctx;
}

export interface GlobalOptions {
  kb?: string;
  texts?: string; // a folder of <source-id>.txt files
  cache: boolean;
  color: boolean;
  pager: boolean;
}

// What a command hands back to the entry to print.
export interface Output {
  stdout: Chunks; // a string, or chunks that src/output/emit.ts writes as they are made
  stderr?: string[];
  exitCode?: number;
  empty?: boolean; // the answer is empty: worth a word on a terminal
}

// A list command's rows as the output options print them: the default columns, the long text
// that wraps in a table, computed columns, and the facets it can count.
export interface ListSpec<O> {
  fields: readonly string[]; // the JSON row's fields (src/output/fields.ts)
  columns: readonly string[] | ((o: O) => readonly string[]);
  wide?: readonly string[];
  below?: readonly string[]; // long text that a table shows under its row, across the table
  // Columns worked out from a row (and the KB) for reading, not part of the JSON record unless
  // --fields names them.
  // biome-ignore lint/suspicious/noExplicitAny: a listing's rows are of its command's own type
  computed?: Record<string, (row: any, kb: Kb) => unknown>;
  facets?: Facets;
}

interface Common {
  name: string;
  summary: string; // one line, for the list of commands and the help's first line
  examples: string[]; // command lines, each run by the docs test where it is complete
  args?: Arg[];
  flags?: Flag[];
  hidden?: boolean;
}

export interface PlainCommand<O> extends Common {
  list?: undefined;
  run(ctx: Ctx, args: string[], o: O): Promise<Output>;
}

// A list command returns its rows; the output options (--json, --format, --fields...) print them.
// It may return its records and the view that makes a row of each, so that only the rows
// printed are made (a long table starts at once, --limit 1 makes one row), and what to say on
// stderr about them.
export interface ListResult {
  records: readonly unknown[];
  // biome-ignore lint/suspicious/noExplicitAny: the records are of the command's own type
  view?(record: any): object;
  stderr?: string[];
}

export interface ListCommand<O> extends Common {
  list: ListSpec<O>;
  run(ctx: Ctx, args: string[], o: O): Promise<object[] | ListResult>;
}

// The rows themselves, made now.
export const rowsOf = (r: object[] | ListResult): object[] =>
  Array.isArray(r) ? r : r.view ? r.records.map(r.view) : (r.records as object[]);

// biome-ignore lint/suspicious/noExplicitAny: the registry holds commands of every option type
export type Command = PlainCommand<any> | ListCommand<any>;

export const defineCommand = <O = Record<string, unknown>>(c: PlainCommand<O>): PlainCommand<O> => c;
export const defineList = <O extends OutputOptions = OutputOptions>(c: ListCommand<O>): ListCommand<O> => c;
