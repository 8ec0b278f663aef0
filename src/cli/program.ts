// The commander program, made from the commands' declarations (src/commands/*.ts): global
// options, then each command with its arguments, flags, help and examples.
import { Argument, Command, Option } from 'commander';
import { COMMANDS } from '../commands/index.js';
import type { Ctx, Command as Def, Flag, GlobalOptions, Output } from './define.js';
import { outputFlags, runList } from './output-flags.js';
import { parserFor } from './values.js';
import { terminalText } from '../text/terminal.js';

export interface Hooks {
  version: string;
  writeOut(s: string): void;
  writeErr(s: string): void;
  width: number; // of the help text
  command?: string; // the command the arguments name, if any
  makeCtx(global: GlobalOptions): Ctx;
  done(out: Output): void;
}

export const GLOBAL_FLAGS: Flag[] = [
  {
    name: 'kb',
    arg: 'dir',
    type: 'dir',
    help: 'knowledge-base folder (default: $AIGC_KB, else the kb/ shipped with aigc)',
  },
  {
    name: 'texts',
    arg: 'dir',
    type: 'dir',
    help: "a folder of sources' texts, <source-id>.txt, checked against their fingerprints (default: $AIGC_TEXTS)",
  },
  { name: 'cache', negate: true, help: 'read the YAML afresh; neither read nor write the cache' },
  { name: 'color', negate: true, help: 'no colour (NO_COLOR is honoured too)' },
  { name: 'pager', negate: true, help: 'on a terminal, print straight through, without $AIGC_PAGER, $PAGER or less' },
];

// The command the arguments name: the first word that is neither a flag nor a global flag's value.
export function commandNamed(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (GLOBAL_FLAGS.some((f) => f.arg && argv[i] === `--${f.name}`)) i++;
    else if (!argv[i].startsWith('-')) return argv[i];
  }
  return undefined;
}

const examples = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

function option(f: Flag): Option {
  const long = f.negate ? `--no-${f.name}` : `--${f.name}`;
  const value = f.arg ? (f.optional ? ` [${f.arg}]` : ` <${f.arg}>`) : '';
  const o = new Option(`${long}${value}`, f.help);
  if (f.arg) o.argParser(parserFor(f.type, f.repeatable));
  if (f.required) o.makeOptionMandatory();
  return o;
}

export function flagsOf(def: Def): Flag[] {
  return [...(def.flags ?? []), ...(def.list ? outputFlags(def.list.facets) : [])];
}

// Names as an indented paragraph of lines no longer than 80 columns.
function wrapList(names: readonly string[]): string {
  const lines = [''];
  for (const n of names) {
    const line = lines[lines.length - 1];
    if (line && line.length + n.length + 4 > 78) lines.push('');
    lines[lines.length - 1] += `${lines[lines.length - 1] ? ', ' : ''}${n}`;
  }
  return lines.map((l, i) => `  ${l}${i < lines.length - 1 ? ',' : ''}`).join('\n');
}

// What a list command's rows hold, for the flags that name fields and facets.
function fieldsHelp(def: Def): string {
  if (!def.list) return '';
  const computed = Object.keys(def.list.computed ?? {});
  const facets = Object.keys(def.list.facets ?? {});
  return [
    `\nFields (for --fields; a dotted path reaches inside, e.g. by.name):\n${wrapList(def.list.fields)}`,
    computed.length ? `Columns worked out for reading (--fields only):\n${wrapList(computed)}` : '',
    facets.length ? `Facets (for --facet):\n${wrapList(facets)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function addCommand(program: Command, def: Def, h: Hooks): void {
  const cmd = program
    .command(def.name, { hidden: def.hidden })
    .description(def.summary)
    .addHelpText('after', `${examples(def.examples)}${fieldsHelp(def)}${fieldsHelp(def) ? '\n' : ''}`);
  for (const a of def.args ?? []) {
    const name = a.variadic ? `${a.name}...` : a.name;
    const arg = new Argument(a.required ? `<${name}>` : `[${name}]`, a.help);
    // A variadic argument's parser collects its values, as a repeatable flag's does.
    if (a.type && a.type !== 'text') arg.argParser(parserFor(a.type, a.variadic));
    else if (a.required) arg.argParser(parserFor('text'));
    cmd.addArgument(arg);
  }
  for (const f of flagsOf(def)) cmd.addOption(option(f));
  // commander calls an action with the positional arguments, the options and the command.
  cmd.action(async (...given: unknown[]) => {
    const self = given[given.length - 1] as Command;
    const opts = self.optsWithGlobals() as GlobalOptions & Record<string, unknown>;
    const args = given.slice(0, -2).flat() as string[];
    const ctx = h.makeCtx(opts);
    h.done(def.list ? await runList(def, ctx, args, opts) : await def.run(ctx, args, opts));
  });
}

export function buildProgram(h: Hooks): Command {
  // Set before any command is added: subcommands copy these settings when created.
  const program = new Command('aigc')
    .exitOverride()
    .configureOutput({
      writeOut: h.writeOut,
      writeErr: h.writeErr,
      // Given, so that commander does not probe the terminal itself (which loads tty code).
      getOutHelpWidth: () => h.width,
      getErrHelpWidth: () => h.width,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
      // Every message starts `aigc:`, commander's too. It quotes a bad value as given: a line
      // break inside the quotes is shown escaped, its own line breaks stay, and each line is
      // made safe for a terminal.
      outputError: (str, write) =>
        write(
          `${str
            .replace(/^error: /, 'aigc: ')
            .replace(/\n$/, '')
            .replace(/'[^']*'/g, (quoted) => quoted.replace(/[\r\n]/g, (c) => JSON.stringify(c).slice(1, -1)))
            .split('\n')
            .map((line) => terminalText(line))
            .join('\n')}\n`,
        ),
    })
    // Each command's help lists the global flags too, under their own heading.
    .configureHelp({ showGlobalOptions: true })
    .helpCommand(false)
    .description(
      "Ask a cited knowledge base about China's generative-AI (AIGC) landscape: who builds what, who said what, which figures were claimed, by whom, where.",
    )
    .version(h.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help');
  for (const f of GLOBAL_FLAGS) program.addOption(option(f));
  program
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `${examples(['aigc companies --segment video', 'aigc quotes --speaker "li di" --json | jq .', 'aigc show xiaoice'])}\nExit codes: 0 ok (an empty result too), 1 not found or runtime failure, 2 usage error, 3 invalid knowledge base.\n`,
    );

  // Only the command being run is built, when the arguments name one: building all of them
  // is a cost on every run. Help, a typo, completion and anything else get them all.
  const wanted = COMMANDS.find((c) => c.name === h.command && c.name !== '__complete');
  for (const def of wanted ? [wanted] : COMMANDS) addCommand(program, def, h);
  return program;
}
