// The first module every run loads. It answers `--version`, and `--help` when stdout is not a
// terminal (the text is rendered at build time, at the width used off a terminal), without
// loading the CLI: a script that asks these pays only for Node itself. Anything else goes to
// the CLI. Built to dist/aigc.cjs; the CLI to dist/main.cjs.
import { readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isatty } from 'node:tty';

declare const __AIGC_VERSION__: string;

const args = process.argv.slice(2);
const only = (...flags: string[]) => args.length === 1 && flags.includes(args[0]);

function print(text: string): void {
  try {
    writeSync(1, text);
  } catch {
    // a reader that has gone away: nothing more to say
  }
}

if (only('--version', '-V')) print(`${__AIGC_VERSION__}\n`);
else if (only('--help', '-h') && !isatty(1)) print(readFileSync(join(__dirname, 'help.txt'), 'utf8'));
else require('./main.cjs');
