// A tool's example, made from its command's own examples: the first command line that asks
// something (an argument or a filter) and reads as a tool call, as the tool's input. The CLI's
// examples are run by the docs test, so the tool's example is a question that works.
import type { Command, Flag } from '../cli/define.js';
import { outputFlags } from '../cli/output-flags.js';
import { parserFor } from '../cli/values.js';
import { checkInput, type InputSchema, type InputSpec, propOf } from './input.js';

export interface Example {
  input: Record<string, unknown>;
  line: string; // the command line it was made from
}

const words = (line: string) => [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);

// A command line as a tool's input, or undefined where a word has no place in the tool.
function asInput(def: Command, spec: InputSpec, line: string): Record<string, unknown> | undefined {
  const [aigc, name, ...rest] = words(line.split(' | ')[0]);
  if (aigc !== 'aigc' || name !== def.name) return undefined;
  const all: Flag[] = [...(def.flags ?? []), ...(def.list ? outputFlags(def.list.facets) : [])];
  const input: Record<string, unknown> = {};
  const args = [...spec.args];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (!w.startsWith('--')) {
      const a = args[0];
      if (!a) return undefined;
      if (a.variadic) ((input[propOf(a.name)] as string[]) ??= []).push(w);
      else input[propOf(args.shift()!.name)] = w;
      continue;
    }
    const f = all.find((x) => `--${x.name}` === w || (x.negate && `--no-${x.name}` === w));
    if (!f) return undefined;
    const value = f.arg && !f.optional ? rest[++i] : undefined;
    if (!spec.flags.some((x) => x.name === f.name)) continue; // an output flag: the tool answers in JSON
    const key = propOf(f.name);
    if (!f.arg) input[key] = !w.startsWith('--no-');
    else if (value === undefined) return undefined;
    // Through the CLI's parser where it makes the value a tool wants: a number of 100M, each
    // choice of a comma list (`--kind figure,event`); a name stays as typed.
    else if (f.repeatable) input[key] = parserFor(f.type, true)(value, input[key]);
    else input[key] = f.type === 'number' || f.type === 'count' ? parserFor(f.type)(value) : value;
  }
  return input;
}

// Each of the command's examples that reads as a tool call, as the tool's input.
export function examplesOf(def: Command, spec: InputSpec, schema: InputSchema): Example[] {
  return def.examples.flatMap((line) => {
    try {
      const input = asInput(def, spec, line);
      if (!input) return [];
      checkInput(schema, input);
      return [{ input, line }];
    } catch {
      return [];
    }
  });
}
