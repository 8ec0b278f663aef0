// What every command receives, and what it hands back to the entry to print.
import type { Io } from '../io.js';
import type { Loaded } from '../kb/load.js';
import { render, type Listing, type OutputOptions, type RenderContext } from '../output/render.js';

export interface Ctx {
  io: Io;
  load(): Promise<Loaded>;
  view: RenderContext;
}

export interface Output {
  stdout: string;
  stderr?: string[];
  exitCode?: number;
  empty?: boolean; // the answer is empty: worth a word on a terminal
}

export async function list(listing: Listing, o: OutputOptions, ctx: Ctx): Promise<Output> {
  return { stdout: await render(listing, o, ctx.view), empty: listing.rows.length === 0 };
}

export function json(data: unknown): Output {
  return { stdout: JSON.stringify(data, null, 2) + '\n' };
}
