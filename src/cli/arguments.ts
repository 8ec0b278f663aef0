// Every argument is measured before anything parses or matches it: a parser, a name lookup or a
// search costs in proportion to what it is given (one 80,000-character --min once cost 41 s),
// and no name, path or query of a knowledge base comes near the limit. The message names the
// argument by its position and its flag, never by its text: that would print it back whole.
import { UsageError } from '../errors.js';

// Bytes of UTF-8 per argument: a path as long as Linux allows (PATH_MAX), over a thousand
// Chinese characters.
export const MAX_ARGUMENT_BYTES = 4096;

export const n = (x: number) => x.toLocaleString('en');

// The bytes of a value over the limit, or undefined: the one measure of the CLI's arguments and
// of the MCP server's parameters (src/mcp/input.ts).
export function bytesOver(arg: string): number | undefined {
  // UTF-8 takes at most three bytes for each UTF-16 unit: only a long argument needs counting.
  if (arg.length * 3 <= MAX_ARGUMENT_BYTES) return undefined;
  const bytes = Buffer.byteLength(arg);
  return bytes > MAX_ARGUMENT_BYTES ? bytes : undefined;
}

export function checkArguments(argv: readonly string[]): void {
  for (const [i, arg] of argv.entries()) {
    const bytes = bytesOver(arg);
    if (bytes === undefined) continue;
    throw new UsageError(
      `argument ${i + 1}${whose(argv, i)} is ${n(bytes)} bytes long; an argument may be at most ${n(MAX_ARGUMENT_BYTES)} bytes`,
    );
  }
}

// ` (--min=...)` or ` (after --min)`: where the argument stands, by the flag it follows or
// begins with; a flag is short, so it is shown whole.
function whose(argv: readonly string[], i: number): string {
  const arg = argv[i];
  const eq = arg.indexOf('=');
  if (arg.startsWith('--') && eq > 2 && eq <= 40) return ` (${arg.slice(0, eq)}=...)`;
  const before = argv[i - 1];
  return before?.startsWith('-') && before.length <= 40 ? ` (after ${before})` : '';
}
