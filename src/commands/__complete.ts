// `aigc __complete -- WORDS...`: what a completion script asks at each <TAB>. One candidate a
// line, `value<TAB>description` where there is a description; or the single line `:files` or
// `:dirs`, asking the shell to complete a path itself. A line that cannot be completed, a KB
// that cannot be read, anything amiss: no lines and no message, since a message would land in
// the middle of the line being typed.
import type { Command } from 'commander';
import { complete, parseLine } from '../completion/candidates.js';
import type { GlobalOptions } from '../cli/program.js';
import { StaleCacheError } from '../load/load.js';
import type { Ctx, Output } from './context.js';

// A value with a line break or a tab cannot travel one a line; no KB name should have one.
const safe = (s: string) => !/[\n\r\t]/.test(s);
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

// typed: the global flags among the words (a --kb, a --no-cache), which choose the KB.
export async function run(
  program: Command,
  words: string[],
  ctxFor: (typed: Partial<GlobalOptions>) => Ctx,
): Promise<Output> {
  try {
    const { kb, noCache } = parseLine(program, words);
    const ctx = ctxFor({ ...(kb ? { kb } : {}), ...(noCache ? { cache: false } : {}) });
    const done = await complete(program, words, async () => (await ctx.load()).kb);
    if (done.directive) return { stdout: `:${done.directive}\n` };
    const lines = done.candidates
      .filter((c) => safe(c.value))
      .map((c) => (c.description ? `${c.value}\t${oneLine(c.description)}` : c.value));
    return { stdout: lines.map((l) => `${l}\n`).join('') };
  } catch (e) {
    // The entry reads a cache that changed underfoot afresh, and asks again.
    if (e instanceof StaleCacheError) throw e;
    return { stdout: '' };
  }
}
