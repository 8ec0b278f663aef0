// `aigc help [TOPIC]`: the general help, a command's help, or a topic (formatting). An unknown
// topic is a usage error that names it, with the topics there are.
import { defineCommand } from '../cli/define.js';
import { TOPICS } from '../cli/topics.js';
import { UsageError } from '../errors.js';
import { didYouMean, shown } from '../text/suggest.js';

export const command = defineCommand({
  name: 'help',
  summary: 'show help for aigc, for a command, or for a topic: formatting',
  examples: ['aigc help claims', 'aigc help formatting'],
  args: [{ name: 'topic', help: `a command, or a topic: ${Object.keys(TOPICS).join(', ')}` }],
  async run(ctx, [topic]) {
    if (topic !== undefined && Object.hasOwn(TOPICS, topic)) return { stdout: TOPICS[topic] };
    // The program as a person sees it, every command built, its help written to a string.
    const { buildProgram } = await import('../cli/program.js');
    let text = '';
    const program = buildProgram({
      version: '',
      width: ctx.io.stdout.columns || 80, // as the entry sets it for --help
      writeOut: (s) => {
        text += s;
      },
      writeErr: () => {},
      makeCtx: () => ctx,
      done: () => {},
    });
    const commands = program.commands.filter((c) => c.name() !== '__complete');
    const cmd = topic === undefined ? program : commands.find((c) => c.name() === topic);
    if (!cmd) {
      const names = [...commands.map((c) => c.name()), ...Object.keys(TOPICS)];
      throw new UsageError(
        `unknown help topic "${shown(topic ?? '')}"${didYouMean(topic ?? '', names)}; topics: a command (${commands.map((c) => c.name()).join(', ')}) or ${Object.keys(TOPICS).join(', ')}`,
      );
    }
    cmd.outputHelp();
    return { stdout: text };
  },
});
