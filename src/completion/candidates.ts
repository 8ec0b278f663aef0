// What may come next on a command line: the answer a completion script asks for at each <TAB>.
// It reads the commander tree as built from the commands' declarations, so a new command or
// flag completes with no change here: a value's candidates follow from its declared type
// (src/cli/define.ts), which its parser carries.
import type { Command, Option } from 'commander';
import type { Kb } from '../query/kb.js';
import { nameKey } from '../text/normalize.js';
import type { ValueType } from '../cli/define.js';
import { TOPICS } from '../cli/topics.js';
import { typeOf } from '../cli/values.js';
import type { Entity } from '../load/schema.js';
import { UNIT_NAMES } from '../query/select.js';

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
// (src/cli/values.ts), or commander's own choices.
export function choicesOf(o: { argChoices?: string[]; parseArg?: unknown }): string[] | undefined {
  const carried = (o.parseArg as { values?: readonly string[] } | undefined)?.values;
  if (carried?.length) return [...carried];
  return o.argChoices?.length ? o.argChoices : undefined;
}

// The entities a value of this type can name. A speaker must have said something (of these
// kinds): the only names --by and --speaker can match anything for.
function entitiesFor(type: Extract<ValueType, { entity: unknown }>, kb: Kb): Entity[] {
  const { entity: types, speaker } = type;
  let pool = types === 'any' ? kb.entities : kb.entities.filter((e) => types.includes(e.type));
  if (speaker) {
    const kinds = speaker === true ? undefined : speaker;
    const ids = new Set(kb.claims.filter((c) => c.by && (!kinds || kinds.includes(c.kind))).map((c) => c.by!));
    pool = pool.filter((e) => ids.has(e.id));
  }
  return pool;
}

// What a value of the declared type may be: a path the shell completes, names from the KB, units.
async function typedCandidates(type: ValueType | undefined, word: string, kb: () => Promise<Kb>): Promise<Completion> {
  if (type === 'file' || type === 'dir') return { candidates: [], directive: type === 'file' ? 'files' : 'dirs' };
  if (type === 'unit') return { candidates: starting(word, units()) };
  if (typeof type === 'object' && 'entity' in type)
    return { candidates: entityCandidates(entitiesFor(type, await kb()), word) };
  return { candidates: [] };
}

// What --unit takes: the vocabulary's units and their families.
const units = (): Candidate[] => [...UNIT_NAMES].sort().map((value) => ({ value }));

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
      if ([e.id, e.name, ...e.aliases, ...(e.editor?.names ?? [])].some((n) => nameKey(n).startsWith(k)))
        add(e.name, `${e.type} · ${e.id}`);
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
  const choices = choicesOf(o);
  if (choices)
    return {
      candidates: starting(
        word,
        choices.map((value) => ({ value })),
      ),
    };
  return typedCandidates(typeOf(o), word, kb);
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
  // `help TOPIC`: the commands there are, but help itself, and the topics.
  if (cmd.name() === 'help') {
    const topics = Object.keys(TOPICS).map((value) => ({ value }));
    return { candidates: starting(word, [...commandCandidates(program).filter((c) => c.value !== 'help'), ...topics]) };
  }
  return typedCandidates(typeOf(arg), word, kb);
}
