// What every command receives, and what it hands back to the entry to print.
import type { Io } from '../io.js';
import type { Loaded } from '../load/load.js';
import type { Chunks } from '../output/emit.js';
import { jsonText } from '../text/terminal.js';
import {
  FACET_FORMATS,
  formatOf,
  render,
  type Listing,
  type OutputOptions,
  type RenderContext,
} from '../output/render.js';

export interface Ctx {
  io: Io;
  load(): Promise<Loaded>;
  view: RenderContext;
}

export interface Output {
  stdout: Chunks; // a string, or chunks that src/output/emit.ts writes as they are made
  stderr?: string[];
  exitCode?: number;
  empty?: boolean; // the answer is empty: worth a word on a terminal
}

export async function list(listing: Listing, o: OutputOptions, ctx: Ctx): Promise<Output> {
  const stdout = await render(listing, o, ctx.view);
  const out: Output = { stdout, empty: listing.rows.length === 0 };
  // The rows are printed as asked; the counts need a format with room for them.
  const format = formatOf(o, ctx.view);
  if (o.facet?.length && !FACET_FORMATS.includes(format)) {
    out.stderr = [
      `aigc: --facet counts are shown in a table or in JSON (--format table, or --json and jq .facets); ${format} prints the rows only`,
    ];
  }
  return out;
}

export function json(data: unknown): Output {
  return { stdout: `${jsonText(data, 2)}\n` };
}
