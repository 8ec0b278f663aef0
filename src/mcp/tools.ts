// The tools, made from the commands' declarations (src/commands/*.ts): every list command is a
// tool that returns a page of its rows, and `show` one that returns a card. Each tool's input
// schema comes from the command's arguments and flags (src/mcp/input.ts), its output schema
// from the command's JSON shape (src/output/shapes.ts), its description from the command's
// summary and first example. How the CLI prints (--json, --format, --fields, --limit...) is the
// server's business: the result is always JSON, a page at a time.
import { z } from 'zod';
import type { Command, Ctx, Flag, ListCommand, ListResult as Listed, PlainCommand } from '../cli/define.js';
import { outputFlags } from '../cli/output-flags.js';
import { NotFoundError, UsageError } from '../errors.js';
import type { Loaded } from '../load/load.js';
import { CLAIM_KINDS } from '../model.js';
import { pick } from '../output/cell.js';
import { countFacets } from '../output/facet.js';
import { SHAPES, type Shape } from '../output/shapes.js';
import { sortKeys, sortRows } from '../output/sort.js';
import { claimView } from '../query/views.js';
import { didYouMean, shown } from '../text/suggest.js';
import { type Example, examplesOf } from './example.js';
import { checkInput, type InputSchema, type InputSpec, inputSchema, invocation, LIMIT } from './input.js';
import { cardResult, capLists, type ListResult, listResult } from './results.js';
import { cardText, isClaim, listText } from './text.js';

export interface Tool {
  name: string;
  title: string;
  description: string;
  input: InputSchema;
  output: z.ZodType;
  examples: Example[]; // the command's examples that read as calls of this tool
  call(given: unknown): Promise<{ structured: Record<string, unknown>; text: string }>;
}

// The output flags are how the CLI prints (formats, fields, jq, a limit...), so none is a
// parameter, but for the two that change what a listing holds, which the server applies itself.
const OUTPUT = new Set(outputFlags({ any: 'any' }).map((f) => f.name));
const SERVED = new Set(['facet', 'sort']);
// The plain commands that answer a question with one JSON record; the others write files
// (export, landscape), check the KB (validate) or serve the shell (completion).
const CARD_COMMANDS = new Set(['show']);

const shapeOf = (name: string): Shape | undefined =>
  Object.hasOwn(SHAPES, name) ? SHAPES[name as keyof typeof SHAPES] : undefined;
// Rows of a command with no documented shape yet: any objects.
const ANY_ROW = z.looseObject({});

// What a tool's commands see: the KB loaded once, nothing printed, nothing on a terminal.
export function quietCtx(ctx: Ctx, loaded: Loaded): Ctx {
  const quiet = { write: () => true };
  const self: Ctx = {
    ...ctx,
    io: { ...ctx.io, stdout: quiet, stderr: quiet },
    view: { tty: false, color: false, width: 100 },
    load: () => Promise.resolve(loaded),
    with: () => self,
  };
  return self;
}

const sentence = (s: string) => `${s[0].toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;

function describe(examples: Example[], summary: string, shape: Shape | undefined, paging: string): string {
  const example = examples.find((e) => Object.keys(e.input).length) ?? examples[0];
  const row = (shape?.row as { shape?: Record<string, unknown> } | undefined)?.shape;
  return [
    sentence(summary),
    row && 'paragraph' in row ? 'Each claim cites its source (id and title) and paragraph; a quote is verbatim.' : '',
    paging,
    example ? `Example: ${JSON.stringify(example.input)} (as \`${example.line}\`).` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

// What a list command's run returned: its records, the view that makes a row of each where they
// are not rows yet (src/cli/define.ts), and what it would say on stderr.
function listingOf(got: object[] | Listed) {
  if (Array.isArray(got)) return { records: got, view: undefined, notes: [] };
  const notes = (got.stderr ?? []).map((l) => l.replace(/^aigc: /, ''));
  return { records: got.records as object[], view: got.view, notes };
}

// The rows in the order `sort` asks, by the fields of the JSON row (`value.amount`, `-when.date`).
function sorted(rows: object[], specs: string[], fields: readonly string[]): object[] {
  const keys = sortKeys(specs);
  for (const k of keys) {
    const top = k.path.split('.')[0];
    if (!fields.includes(top))
      throw new UsageError(
        `unknown sort field "${shown(k.path)}"${didYouMean(top, fields)}; fields: ${fields.join(', ')}`,
      );
  }
  return sortRows(rows, keys, (r, path) => pick(r, path));
}

function listTool(def: ListCommand<Record<string, unknown>>, ctx: Ctx, loaded: Loaded): Tool {
  const flags: Flag[] = [
    ...(def.flags ?? []).filter((f) => !OUTPUT.has(f.name)),
    ...outputFlags(def.list.facets).filter((f) => SERVED.has(f.name)),
  ];
  const spec: InputSpec = { args: def.args ?? [], flags, paging: true };
  const input = inputSchema(spec);
  const shape = shapeOf(def.name);
  const examples = examplesOf(def, spec, input);
  const { kb } = loaded;
  return {
    name: def.name,
    title: `aigc ${def.name}`,
    examples,
    description: describe(
      examples,
      def.summary,
      shape,
      `Returns {rows, total, truncated}: at most \`limit\` rows (default ${LIMIT.default}, at most ${LIMIT.max}) from \`offset\`, as \`aigc ${def.name} --json\` prints them.`,
    ),
    input,
    output: listResult(shape?.row ?? ANY_ROW),
    async call(given) {
      const i = checkInput(input, given);
      const { args, opts } = invocation(spec, i);
      const { records, view, notes } = listingOf(await def.run(ctx, args, opts));
      const facet = opts.facet as string[] | undefined;
      const sort = (opts.sort as string[]) ?? [];
      const offset = i.offset ?? 0;
      // Every row is made where sorting or counting needs them all; else only the page's, as
      // the CLI makes only the rows it prints.
      const whole = view && (sort.length || facet?.length) ? records.map(view) : records;
      const made = whole === records ? view : undefined;
      const picked = sorted(whole, sort, def.list.fields).slice(offset, offset + i.limit);
      const page = made ? picked.map(made) : picked;
      // A search hit names a claim without citing it: the claim, cited, goes beside the hits.
      const cited = page.flatMap((r) => {
        const hit = r as { id?: unknown; type?: unknown };
        const c = !isClaim(r) && CLAIM_KINDS.includes(hit.type as never) ? kb.claim(String(hit.id)) : undefined;
        return c ? [claimView(kb, c)] : [];
      });
      const result: ListResult = {
        rows: page,
        total: records.length,
        offset,
        limit: i.limit,
        truncated: offset + page.length < records.length,
        ...(facet?.length ? { facets: countFacets(whole, facet, def.list.facets) } : {}),
        ...(cited.length ? { cited } : {}),
        ...(notes.length ? { notes } : {}),
      };
      return { structured: result, text: listText(def.name, result) };
    },
  };
}

function cardTool(def: PlainCommand<Record<string, unknown>>, ctx: Ctx): Tool {
  const spec: InputSpec = {
    args: def.args ?? [],
    flags: (def.flags ?? []).filter((f) => !OUTPUT.has(f.name)),
    paging: false,
  };
  const input = inputSchema(spec);
  const shape = shapeOf(def.name);
  const examples = examplesOf(def, spec, input);
  return {
    name: def.name,
    title: `aigc ${def.name}`,
    examples,
    description: describe(
      examples,
      def.summary,
      shape,
      `Returns {result}: the record as \`aigc ${def.name} --json\` prints it, each of its lists cut at \`limit\` items (default ${LIMIT.default}, at most ${LIMIT.max}).`,
    ),
    input,
    output: cardResult(shape?.row ?? ANY_ROW),
    async call(given) {
      const i = checkInput(input, given);
      const { args, opts } = invocation(spec, i);
      const out = await def.run(ctx, args, { ...opts, json: true });
      if (out.exitCode) throw new NotFoundError(out.stderr?.join(' ') || `${def.name} found nothing`);
      const totals: Record<string, number> = {};
      // The JSON as printed, whole or in chunks.
      const printed = typeof out.stdout === 'string' ? out.stdout : [...out.stdout].join('');
      const result = { result: capLists(JSON.parse(printed), i.limit, '', totals), truncated: false, totals };
      result.truncated = Object.keys(totals).length > 0;
      return { structured: result, text: cardText(result) };
    },
  };
}

export function commandTools(commands: readonly Command[], ctx: Ctx, loaded: Loaded): Tool[] {
  const run = quietCtx(ctx, loaded);
  return commands.flatMap((def) =>
    def.hidden ? [] : def.list ? [listTool(def, run, loaded)] : CARD_COMMANDS.has(def.name) ? [cardTool(def, run)] : [],
  );
}
