// `aigc __complete -- WORDS...`: what a completion script asks at each <TAB>. One candidate a
// line, `value<TAB>description` where there is a description; or the single line `:files` or
// `:dirs`, asking the shell to complete a path itself. A line that cannot be completed, a KB
// that cannot be read, anything amiss: no lines and no message, since a message would land in
// the middle of the line being typed. Hidden from help.
import { defineCommand } from '../cli/define.js';
import { StaleCacheError } from '../load/load.js';

// A value with a line break or a tab cannot travel one a line; no KB name should have one.
const safe = (s: string) => !/[\n\r\t]/.test(s);
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export const command = defineCommand({
  name: '__complete',
  hidden: true,
  summary: 'the words that may come next on a command line (for the completion scripts)',
  examples: ['aigc __complete -- companies --segment ""'],
  args: [{ name: 'words', help: 'the words typed so far, the last one being completed', variadic: true }],
  async run(ctx, words) {
    try {
      // The whole program, every command built, is what the words are read against.
      const { buildProgram } = await import('../cli/program.js');
      const { complete, parseLine } = await import('../completion/candidates.js');
      const program = buildProgram({
        version: '',
        width: 80,
        writeOut: () => {},
        writeErr: () => {},
        makeCtx: () => ctx,
        done: () => {},
      });
      // A --kb or --no-cache among the words typed chooses the KB, as it would for the command.
      const { kb, noCache } = parseLine(program, words);
      const kbCtx = kb || noCache ? ctx.with({ ...(kb ? { kb } : {}), ...(noCache ? { cache: false } : {}) }) : ctx;
      const done = await complete(program, words, async () => (await kbCtx.load()).kb);
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
  },
});
