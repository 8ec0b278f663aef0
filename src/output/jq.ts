// --jq EXPR: the JSON output filtered by jq itself, compiled to WebAssembly (jq-wasm), so that
// a user without jq gets its exact language. Strings come out raw, as `jq -r` and gh print them.
// A lazy bundle: only a run with --jq loads the interpreter.
import { raw } from 'jq-wasm';
import { UsageError } from '../errors.js';

export async function jq(json: string, expression: string): Promise<string> {
  try {
    const out = await raw(json, expression, ['-r']);
    return out ? `${out.replace(/\n$/, '')}\n` : '';
  } catch (e) {
    // jq's own words, without its "jq: error:" prefix and its count of compile errors.
    const message = String((e as Error).message ?? e)
      .split('\n')
      .filter((l) => l.trim() && !/^jq: \d+ compile error/.test(l))
      .map((l) => l.replace(/^jq: error( \(at [^)]*\))?: /, ''))
      .join('; ');
    throw new UsageError(`--jq: ${message}`);
  }
}
