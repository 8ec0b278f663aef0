// What may come next on a command line: the answer a completion script asks for at each <TAB>.
// It reads the commander tree as built, so a new command or flag completes with no change here;
// only the flags and arguments whose values come from elsewhere (the knowledge base, the list of
// commands, the schemas) are named below.
import type { Command, Option } from 'commander';
import type { Kb } from '../query/kb.js';
import { nameKey } from '../text/normalize.js';
import { ORG_TYPES, SPEAKER_TYPES } from '../model.js';
import type { Entity } from '../load/schema.js';
import { unitsOf } from '../query/select.js';

export interface Candidate {
  value: string;
  description?: string;
}

// `files` and `dirs`: the value is a path, which the shell completes better than aigc can.
export type Directive = 'files' | 'dirs';

export interface Completion {
  candidates: Candidate[];
  directive?: Directive;
}

// What the words typed so far say, up to the word being completed.
export interface Line {
  command: Command; // the subcommand named, or the program itself
  operands: number; // positional words already given to it
  option?: Option; // the flag whose value is being completed
  prefix: string; // `--flag=` when the value is typed in the same word
  current: string; // the partial word (without that prefix)
  afterDashes: boolean; // `--` was typed: no more flags
  kb?: string; // a --kb among the words: the KB the values come from
  noCache: boolean;
}

const flagOf = (o: Option) => o.long ?? o.short ?? '';

function findOption(program: Command, cmd: Command, word: string): Option | undefined {
  const pool = cmd === program ? program.options : [...cmd.options, ...program.options];
  return pool.find((o) => o.long === word || o.short === word);
}

const takesValue = (o: Option | undefined) => Boolean(o && (o.required || o.optional));

// The commands as help lists them (commander's own `help` among them, which is not one of
// program.commands), then the hidden ones.
const commandsOf = (program: Command) => [...program.createHelp().visibleCommands(program), ...program.commands];

export function parseLine(program: Command, words: string[]): Line {
  const typed = words.length ? words : [''];
  const last = typed.length - 1;
  const line: Line = {
    command: program,
    operands: 0,
    prefix: '',
    current: typed[last],
    afterDashes: false,
    noCache: false,
  };
  const setGlobal = (o: Option | undefined, value: string) => {
    if (o?.long === '--kb' && value) line.kb = value;
  };
  for (let i = 0; i < last; i++) {
    const w = typed[i];
    if (line.afterDashes || !w.startsWith('-') || w === '-') {
      if (!line.afterDashes && line.command === program) {
        const sub = commandsOf(program).find((c) => c.name() === w || c.aliases().includes(w));
        if (sub) {
          line.command = sub;
          continue;
        }
      }
      line.operands++;
    } else if (w === '--') line.afterDashes = true;
    else if (w.startsWith('--') && w.includes('='))
      setGlobal(findOption(program, line.command, w.slice(0, w.indexOf('='))), w.slice(w.indexOf('=') + 1));
    else {
      const o = findOption(program, line.command, w);
      if (o?.long === '--no-cache') line.noCache = true;
      if (takesValue(o)) {
        if (i + 1 === last) line.option = o;
        else setGlobal(o, typed[++i]);
      }
    }
  }
  // --segment=vid: the value being typed follows the flag in the same word.
  const eq = line.current.indexOf('=');
  if (!line.option && !line.afterDashes && line.current.startsWith('--') && eq > 0) {
    const o = findOption(program, line.command, line.current.slice(0, eq));
    if (takesValue(o)) {
      line.option = o;
      line.prefix = line.current.slice(0, eq + 1);
      line.current = line.current.slice(eq + 1);
    }
  }
  return line;
}

// The values a flag or argument accepts, where they are a fixed few: those its parser carries
// (choice() in parsers.ts, and the --facet parser in program.ts), or commander's own choices.
export function choicesOf(o: { argChoices?: string[]; parseArg?: unknown }): string[] | undefined {
  const carried = (o.parseArg as { values?: readonly string[] } | undefined)?.values;
  if (carried?.length) return [...carried];
  return o.argChoices?.length ? o.argChoices : undefined;
}

type Pick = (kb: Kb) => Entity[];
const ofTypes =
  (types: readonly string[]): Pick =>
  (kb) =>
    kb.entities.filter((e) => types.includes(e.type));
// Who has said something: the only names --by and --speaker can match anything for.
const speakers =
  (kinds?: string[]): Pick =>
  (kb) => {
    const ids = new Set(kb.claims.filter((c) => c.by && (!kinds || kinds.includes(c.kind))).map((c) => c.by!));
    return kb.entities.filter((e) => ids.has(e.id) && SPEAKER_TYPES.includes(e.type));
  };

const ENTITY_FLAGS: Record<string, Pick> = {
  '--segment': ofTypes(['segment']),
  '--maker': ofTypes(ORG_TYPES),
  '--org': ofTypes(ORG_TYPES),
  '--about': (kb) => kb.entities,
  '--by': speakers(),
  '--speaker': speakers(['quote']),
};
const PATH_FLAGS: Record<string, Directive> = { '--kb': 'dirs', '--out': 'files' };
// A command's first argument, where its values come from elsewhere than its parser.
type Values = (word: string, kb: () => Promise<Kb>, program: Command) => Promise<Candidate[]>;
const FIRST_ARGS: Record<string, Values> = {
  show: async (word, kb) => entityCandidates((await kb()).entities, word),
  // `help COMMAND`: the commands there are, but help itself.
  help: async (word, _kb, program) =>
    starting(
      word,
      commandCandidates(program).filter((c) => c.value !== 'help'),
    ),
  // The names live beside the schemas, in a lazy bundle with zod in it: that is loaded (a
  // tenth of a second or two) only at this one place, never for another completion.
  schema: async (word) =>
    starting(
      word,
      (await import('../commands/schema.js')).SCHEMA_NAMES.map((value) => ({ value })),
    ),
};

const units = (kb: Kb): Candidate[] => [...unitsOf(kb)].sort().map((value) => ({ value }));

// Names first, as a reader knows them; an id too once the word typed begins it. When nothing
// begins with the word as typed, it is matched as names are resolved (any case, width or
// accent, aliases too), and the name is offered in its place.
export function entityCandidates(entities: Entity[], word: string): Candidate[] {
  const out = new Map<string, Candidate>();
  const add = (value: string, description: string) => out.has(value) || out.set(value, { value, description });
  for (const e of entities) {
    if (e.name.startsWith(word)) add(e.name, `${e.type} · ${e.id}`);
    if (word && e.id.startsWith(word)) add(e.id, `${e.type} · ${e.name}`);
  }
  if (!out.size && word) {
    const k = nameKey(word);
    for (const e of entities)
      if ([e.id, e.name, ...e.aliases].some((n) => nameKey(n).startsWith(k))) add(e.name, `${e.type} · ${e.id}`);
  }
  return [...out.values()];
}

const starting = (word: string, cs: Candidate[]) => cs.filter((c) => c.value.startsWith(word));

function commandCandidates(program: Command): Candidate[] {
  return program
    .createHelp()
    .visibleCommands(program)
    .map((c) => ({ value: c.name(), description: c.summary() || c.description() }));
}

function flagCandidates(program: Command, cmd: Command): Candidate[] {
  const options = cmd.createHelp().visibleOptions(cmd);
  if (cmd !== program) options.push(...program.options.filter((o) => !o.hidden));
  const out = new Map<string, Candidate>();
  for (const o of options)
    for (const f of [o.long, o.short]) if (f && !out.has(f)) out.set(f, { value: f, description: o.description });
  return [...out.values()];
}

async function valueCandidates(o: Option, word: string, kb: () => Promise<Kb>): Promise<Completion> {
  const flag = flagOf(o);
  if (PATH_FLAGS[flag]) return { candidates: [], directive: PATH_FLAGS[flag] };
  const choices = choicesOf(o);
  if (choices)
    return {
      candidates: starting(
        word,
        choices.map((value) => ({ value })),
      ),
    };
  if (ENTITY_FLAGS[flag]) return { candidates: entityCandidates(ENTITY_FLAGS[flag](await kb()), word) };
  if (flag === '--unit') return { candidates: starting(word, units(await kb())) };
  return { candidates: [] };
}

// words: what follows `aigc` on the line, the word being completed last (empty after a space).
// kb is called only when the answer depends on the knowledge base.
export async function complete(program: Command, words: string[], kb: () => Promise<Kb>): Promise<Completion> {
  const line = parseLine(program, words);
  const { command: cmd, current: word } = line;
  if (line.option) {
    const done = await valueCandidates(line.option, word, kb);
    return { ...done, candidates: done.candidates.map((c) => ({ ...c, value: line.prefix + c.value })) };
  }
  if (word.startsWith('-') && !line.afterDashes) return { candidates: starting(word, flagCandidates(program, cmd)) };
  if (cmd === program) {
    // A word that names no command: what follows it means nothing to aigc.
    if (line.operands) return { candidates: [] };
    return { candidates: starting(word, commandCandidates(program)) };
  }
  const arg = cmd.registeredArguments[line.operands];
  if (!arg) return { candidates: [] };
  const choices = choicesOf(arg);
  if (choices)
    return {
      candidates: starting(
        word,
        choices.map((value) => ({ value })),
      ),
    };
  const values = line.operands === 0 ? FIRST_ARGS[cmd.name()] : undefined;
  return { candidates: values ? await values(word, kb, program) : [] };
}
