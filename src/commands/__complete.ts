// `aigc __complete -- WORDS...`: what a completion script asks at each <TAB>. One candidate a
// line, `value<TAB>description` where there is a description, the value encoded as wire.ts
// says; or the single line `:files` or
// `:dirs`, asking the shell to complete a path itself. A line that cannot be completed, a KB
// that cannot be read, anything amiss: no lines and no message, since a message would land in
// the middle of the line being typed.
import type { Command } from 'commander';
import { complete, parseLine } from '../completion/candidates.js';
import type { GlobalOptions } from '../cli/program.js';
import { StaleCacheError } from '../load/load.js';
import { canTravel, encodeValue } from '../completion/wire.js';
import { checkArguments } from '../cli/arguments.js';
import type { Ctx, Output } from './context.js';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

// typed: the global flags among the words (a --kb, a --no-cache), which choose the KB.
export async function run(
  program: Command,
  words: string[],
  ctxFor: (typed: Partial<GlobalOptions>) => Ctx,
): Promise<Output> {
  try {
    checkArguments(words); // a word too long to be a name is no question: no candidates
    const { kb, noCache } = parseLine(program, words);
    const ctx = ctxFor({ ...(kb ? { kb } : {}), ...(noCache ? { cache: false } : {}) });
    const done = await complete(program, words, async () => (await ctx.load()).kb);
    if (done.directive) return { stdout: `:${done.directive}\n` };
    const lines = done.candidates
      .filter((c) => canTravel(c.value))
      .map((c) => encodeValue(c.value) + (c.description ? `\t${oneLine(c.description)}` : ''));
    return { stdout: lines.map((l) => `${l}\n`).join('') };
  } catch (e) {
    // The entry reads a cache that changed underfoot afresh, and asks again.
    if (e instanceof StaleCacheError) throw e;
    return { stdout: '' };
  }
}
