// `aigc __complete -- WORDS...`: what a completion script asks at each <TAB>. One candidate a
// line, `value<TAB>description` where there is a description, the value encoded as
// src/completion/wire.ts says; or the single line `:files` or
// `:dirs`, asking the shell to complete a path itself. A line that cannot be completed, a KB
// that cannot be read, anything amiss: no lines and no message, since a message would land in
// the middle of the line being typed. Hidden from help.
import { defineCommand } from '../cli/define.js';
import { StaleCacheError } from '../load/load.js';
import { canTravel, encodeValue } from '../completion/wire.js';
import { checkArguments } from '../cli/arguments.js';
import { terminalText } from '../text/terminal.js';

// A description is shown in the shell's list: one line, its controls escaped for the terminal.
const oneLine = (s: string) => terminalText(s.replace(/\s+/g, ' ').trim());

export const command = defineCommand({
  name: '__complete',
  hidden: true,
  summary: 'the words that may come next on a command line (for the completion scripts)',
  examples: ['aigc __complete -- companies --segment ""'],
  args: [{ name: 'words', help: 'the words typed so far, the last one being completed', variadic: true }],
  async run(ctx, words) {
    try {
      checkArguments(words); // a word too long to be a name is no question: no candidates
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
        .filter((c) => canTravel(c.value))
        .map((c) => encodeValue(c.value) + (c.description ? `\t${oneLine(c.description)}` : ''));
      return { stdout: lines.map((l) => `${l}\n`).join('') };
    } catch (e) {
      // The entry reads a cache that changed underfoot afresh, and asks again.
      if (e instanceof StaleCacheError) throw e;
      return { stdout: '' };
    }
  },
});
