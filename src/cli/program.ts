// The commander program: global options, every command with its help and examples.
// Each command's code is imported only when that command runs.
import { Command, Option } from 'commander';
import type { Ctx, Output } from '../commands/context.js';
import { CLAIM_KINDS, ENTITY_TYPES, ORG_TYPES } from '../model.js';
import { FORMATS } from '../output/render.js';
import { choice, collect, count, date, number, text } from './parsers.js';

export interface Hooks {
  version: string;
  writeOut(s: string): void;
  writeErr(s: string): void;
  width: number; // of the help text
  command?: string; // the command the arguments name, if any
  makeCtx(global: GlobalOptions): Ctx;
  done(out: Output): void;
}

export interface GlobalOptions {
  kb?: string;
  cache: boolean;
  color: boolean;
}

const SEARCH_TYPES = [...ENTITY_TYPES, ...CLAIM_KINDS, 'source'];
const GRAPH_FORMATS = ['dot', 'mermaid', 'json'];
const EXPORT_FORMATS = ['jsonl', 'csv', 'sqlite'];
const SHELLS = ['bash', 'zsh', 'fish'];

// The facets each list command can count, for its help and for completion. The command declares
// how to count each (src/commands/*.ts); those files load only when their command runs, so the
// names are written here too, and a test holds the two equal.
const FACETS = {
  companies: ['segment', 'type', 'source'],
  products: ['segment', 'maker', 'source'],
  people: ['org', 'source'],
  sources: ['kind', 'publisher', 'year', 'language'],
  quotes: ['speaker', 'about', 'source'],
  claims: ['kind', 'speaker', 'about', 'unit', 'year', 'precision', 'source'],
  search: ['type', 'field'],
  timeline: ['kind', 'year', 'precision', 'inferred', 'about', 'speaker', 'unit', 'source'],
} as const;

function outputOptions(cmd: Command, facets: readonly string[] = []): Command {
  if (facets.length)
    cmd.addOption(
      new Option('--facet <field>', `also count the rows per value of a field: ${facets.join('|')} (repeatable)`)
        // Collected, not checked, here: the command says what it has. The names ride along for completion.
        .argParser(Object.assign((v: string, prev?: string[]) => collect(v, prev), { values: facets })),
    );
  return cmd
    .option('--json', 'print a JSON array of full records')
    .addOption(
      new Option(
        '--format <format>',
        `output format: ${FORMATS.join('|')} (default: table on a terminal, else tsv)`,
      ).argParser(choice(FORMATS)),
    )
    .option('--fields <list>', 'comma-separated fields to print, e.g. id,name or by.name,text', text)
    .addOption(new Option('--limit <n>', 'print at most n records').argParser(count));
}

// The command the arguments name: the first word that is neither a flag nor a global flag's value.
export function commandNamed(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--kb') i++;
    else if (!argv[i].startsWith('-')) return argv[i];
  }
  return undefined;
}

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
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
      // commander quotes a bad value as given; keep its control characters from breaking the line.
      outputError: (str, write) =>
        write(str.replace(/[\x00-\x09\x0b-\x1f\x7f]|\n(?!$)/g, (c) => JSON.stringify(c).slice(1, -1))),
    })
    .description(
      "Ask a cited knowledge base about China's generative-AI (AIGC) landscape: who builds what, who said what, which figures were claimed, by whom, where.",
    )
    .version(h.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--kb <dir>', 'knowledge-base folder (default: $AIGC_KB, else the kb/ shipped with aigc)', text)
    .option('--no-cache', 'read the YAML afresh; neither read nor write the cache')
    .option('--no-color', 'no colour (NO_COLOR is honoured too)')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `${examples('aigc companies --segment video', 'aigc quotes --speaker "li di" --json | jq .', 'aigc show xiaoice')}\nExit codes: 0 ok (an empty result too), 1 not found or runtime failure, 2 usage error, 3 invalid knowledge base.\n`,
    );

  const add = (name: string, summary: string, ex: string[]) =>
    program
      .command(name)
      .description(summary)
      .addHelpText('after', examples(...ex));
  // commander calls an action with the positional arguments, the options and the command.
  const go =
    // biome-ignore lint/suspicious/noExplicitAny: commander passes each command's own arguments
      (fn: (ctx: Ctx, ...args: any[]) => Promise<Output>) =>
      async (...args: unknown[]) => {
        const cmd = args[args.length - 1] as Command;
        const opts = cmd.optsWithGlobals() as GlobalOptions & Record<string, unknown>;
        h.done(await fn(h.makeCtx(opts), ...args.slice(0, -2), opts));
      };

  // Only the command being run is built, when the arguments name one: building all of them
  // is a cost on every run. Help, a typo and anything else get them all.
  const commands: Record<string, () => unknown> = {
    companies: () =>
      outputOptions(
        add('companies', 'list organisations: companies, investors, labs, research firms, media', [
          'aigc companies --segment video',
          'aigc companies --facet segment',
          'aigc companies --type investor --json | jq -r ".[].name"',
        ]),
        FACETS.companies,
      )
        .option('--segment <name>', 'only members of this segment (id, name or alias)', text)
        .addOption(new Option('--type <type>', `only this type: ${ORG_TYPES.join('|')}`).argParser(choice(ORG_TYPES)))
        .action(go(async (ctx, o) => (await import('../commands/companies.js')).run(ctx, o))),
    products: () =>
      outputOptions(
        add('products', 'list products and models', [
          'aigc products --segment image',
          'aigc products --maker bytedance',
        ]),
        FACETS.products,
      )
        .option('--segment <name>', 'only members of this segment', text)
        .option('--maker <name>', 'only products of this organisation (or of a part of it)', text)
        .action(go(async (ctx, o) => (await import('../commands/products.js')).run(ctx, o))),
    people: () =>
      outputOptions(
        add('people', 'list people, with their roles', ['aigc people', 'aigc people --org xiaoice']),
        FACETS.people,
      )
        .option('--org <name>', 'only people who work at this organisation (or a part of it)', text)
        .action(go(async (ctx, o) => (await import('../commands/people.js')).run(ctx, o))),
    segments: () =>
      outputOptions(
        add('segments', 'list segments, with their members and member counts', [
          'aigc segments',
          'aigc segments --json | jq ".[] | {name, members}"',
        ]),
      ).action(go(async (ctx, o) => (await import('../commands/segments.js')).run(ctx, o))),
    sources: () =>
      outputOptions(
        add('sources', 'list sources, with how many claims cite each', ['aigc sources']),
        FACETS.sources,
      ).action(go(async (ctx, o) => (await import('../commands/sources.js')).run(ctx, o))),
    quotes: () =>
      outputOptions(
        add('quotes', 'list verbatim quotes, each with its speaker, source and paragraph', [
          'aigc quotes --speaker "li di"',
          'aigc quotes --search "regulated"',
        ]),
        FACETS.quotes,
      )
        .option('--speaker <name>', 'only quotes by this person or organisation', text)
        .option('--about <name>', 'only quotes about this entity', text)
        .addOption(new Option('--search <text>', "fuzzy search in the quotes' words, best match first").argParser(text))
        .action(go(async (ctx, o) => (await import('../commands/quotes.js')).run(ctx, o))),
    claims: () =>
      outputOptions(
        add('claims', 'list claims: quotes, statements, figures and events', [
          'aigc claims --unit USD --min 100M',
          'aigc claims --about openai --kind figure',
          'aigc claims --kind event --since 2022 --until 2022-12',
        ]),
        FACETS.claims,
      )
        .option('--about <name>', 'only claims about this entity', text)
        .option('--by <name>', 'only claims made by this person or organisation', text)
        .addOption(
          new Option('--kind <kind>', `only this kind: ${CLAIM_KINDS.join('|')}`).argParser(choice(CLAIM_KINDS)),
        )
        .option('--unit <unit>', 'only figures in this unit or currency (USD, users, percent...)', text)
        .addOption(new Option('--min <n>', 'only figures of at least n (100000000, 1e8, 100M)').argParser(number))
        .addOption(new Option('--max <n>', 'only figures of at most n').argParser(number))
        .addOption(
          new Option('--since <date>', 'only claims dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)').argParser(date),
        )
        .addOption(new Option('--until <date>', 'only claims dated on or before').argParser(date))
        .action(go(async (ctx, o) => (await import('../commands/claims.js')).run(ctx, o))),
    show: () =>
      add('show', 'show one entity, claim or source: what it is, aliases, relations, its quotes and claims', [
        'aigc show "li di"',
        'aigc show 小冰 --json',
      ])
        .argument('<name-or-id>', 'an id, name or alias', text)
        .option('--json', 'print the card as JSON')
        .action(go(async (ctx, name, o) => (await import('../commands/show.js')).run(ctx, name, o))),
    search: () =>
      outputOptions(
        add('search', 'fuzzy search across names, aliases, quotes and claims', [
          'aigc search "digital people"',
          'aigc search jasper --type company',
        ]),
        FACETS.search,
      )
        .argument('<text>', 'what to look for', text)
        .addOption(
          new Option('--type <type>', `only hits of this type: ${SEARCH_TYPES.join('|')}`).argParser(
            choice(SEARCH_TYPES),
          ),
        )
        .action(go(async (ctx, q, o) => (await import('../commands/search.js')).run(ctx, q, o))),
    stats: () =>
      outputOptions(add('stats', 'count entities by type and claims by kind, per source', ['aigc stats'])).action(
        go(async (ctx, o) => (await import('../commands/stats.js')).run(ctx, o)),
      ),
    validate: () =>
      add('validate', 'check the knowledge base; print every problem as file:line:col', [
        'aigc validate',
        'aigc validate --kb my-kb --json',
        'aigc validate --source-text shulou-aigc-2023=../shared/seed/000_0a687ad9dad331a4.txt',
      ])
        .option('--json', 'print the problems as a JSON array')
        .option(
          '--source-text <id=path>',
          "check a source's quotes and paragraph locators against its plain text (repeatable)",
          collect,
        )
        .action(go(async (ctx, o) => (await import('../commands/validate.js')).run(ctx, o))),
    timeline: () =>
      outputOptions(
        add('timeline', "dated events and figures in date order, with each date's precision", [
          'aigc timeline',
          'aigc timeline --about openai --since 2022',
          'aigc timeline --json | jq ".[] | {date, text}"',
        ]),
        FACETS.timeline,
      )
        .option('--about <name>', 'only claims about this entity', text)
        .addOption(new Option('--since <date>', 'only dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)').argParser(date))
        .addOption(new Option('--until <date>', 'only dated on or before').argParser(date))
        .action(go(async (ctx, o) => (await import('../commands/timeline.js')).run(ctx, o))),
    graph: () =>
      add(
        'graph',
        'the relation graph: people, organisations, products, segments, investors and who spoke about whom',
        ['aigc graph --format dot | dot -Tsvg > kb.svg', 'aigc graph --about xiaoice --depth 2 --format mermaid'],
      )
        .option('--about <name>', 'only the part of the graph around this entity', text)
        .addOption(new Option('--depth <n>', 'with --about: how many steps out to go (default: 1)').argParser(count))
        .addOption(new Option('--format <format>', 'dot|mermaid|json (default: dot)').argParser(choice(GRAPH_FORMATS)))
        .action(go(async (ctx, o) => (await import('../commands/graph.js')).run(ctx, o))),
    landscape: () =>
      add('landscape', 'write the field as one self-contained HTML page, grouped by segment', [
        'aigc landscape --out landscape.html',
      ])
        .requiredOption('--out <file>', 'the HTML file to write, or - for stdout', text)
        .option('--force', 'overwrite the file if it exists')
        .action(go(async (ctx, o) => (await import('../commands/landscape.js')).run(ctx, o))),
    export: () =>
      add('export', 'export entities, claims, sources and relations as tables: JSON Lines, CSV or SQLite', [
        'aigc export --format sqlite --out kb.db && sqlite3 kb.db "select count(*) from claims"',
        'aigc export --format csv --out kb-csv',
        'aigc export --format jsonl --out kb-jsonl',
      ])
        .addOption(
          new Option('--format <format>', `${EXPORT_FORMATS.join('|')}`)
            .argParser(choice(EXPORT_FORMATS))
            .makeOptionMandatory(),
        )
        .requiredOption(
          '--out <path>',
          'the SQLite file, or the folder for JSON Lines and CSV (one file per table)',
          text,
        )
        .option('--force', 'replace what is at --out')
        // outsafe: CSV cells that a spreadsheet would run as formulas are neutralised unless this is given.
        .option(
          '--csv-raw',
          'csv only: write each cell as the KB has it; by default a text that begins with = + - @ (a formula to a spreadsheet) gets a quote mark before it',
        )
        .action(go(async (ctx, o) => (await import('../commands/export.js')).run(ctx, o))),
    schema: () =>
      add('schema', "print the JSON Schema of a KB file or of a command's JSON output", [
        'aigc schema kb-file',
        'aigc schema companies',
        'aigc schema --list',
      ])
        .argument('[name]', 'which schema (default: kb-file); --list names them all', text)
        .option('--list', 'list the schemas there are')
        .action(go(async (ctx, name, o) => (await import('../commands/schema.js')).run(ctx, name, o))),
    completion: () =>
      add('completion', 'print a shell completion script: bash, zsh or fish', [
        'aigc completion bash > ~/.local/share/bash-completion/completions/aigc',
        'source <(aigc completion bash)',
        'aigc completion zsh > "${fpath[1]}/_aigc"',
        'aigc completion fish > ~/.config/fish/completions/aigc.fish',
      ])
        .argument('<shell>', `${SHELLS.join('|')}`, choice(SHELLS))
        .action(go(async (ctx, shell, o) => (await import('../commands/completion.js')).run(ctx, shell, o))),
    // What a completion script asks at a <TAB>: the words that may come next. Hidden from help.
    __complete: () =>
      program
        .command('__complete', { hidden: true })
        .argument('[words...]', 'the words typed so far, the last one being completed')
        .allowUnknownOption()
        .helpOption(false)
        .action(async (words: string[], _o: unknown, cmd: Command) => {
          // Candidates come from every command's flags, so every command is built. A --kb or
          // --no-cache among the words typed chooses the KB, as it would for the command.
          for (const [name, make] of Object.entries(commands))
            if (!program.commands.some((c) => c.name() === name)) make();
          const global = cmd.optsWithGlobals() as GlobalOptions;
          h.done(
            await (await import('../commands/__complete.js')).run(program, words, (typed) =>
              h.makeCtx({ ...global, ...typed }),
            ),
          );
        }),
  };
  const wanted = h.command && Object.hasOwn(commands, h.command) ? [h.command] : Object.keys(commands);
  for (const name of wanted) commands[name]();

  return program;
}
