import type { ProblemRow } from './output/shapes.js';
import { counted } from './text/words.js';

// The error family and the exit-code table. Commands and the core throw these;
// only src/main.ts turns them into a message and an exit code.
import { terminalText } from './text/terminal.js';

export const EXIT = {
  ok: 0, // an empty answer too
  failure: 1, // the answer could not be given: nothing has that name (`show`), or a runtime failure (a file that cannot be written, output that cannot be written)
  usage: 2, // a bad command, flag or value
  invalidKb: 3, // the knowledge base failed validation
} as const;

// What each code means to a user. docs/exit-codes.md is generated from this (npm run docs), and
// the type asks for a meaning of every code, so a new one cannot go undocumented.
export const EXIT_MEANING: Record<keyof typeof EXIT, string> = {
  ok: 'success, an empty result included',
  failure:
    'failure: nothing has that name (`show`), or a runtime failure: a file that cannot be read or written, standard output that refuses a write (a full disk, a closed stdout)',
  usage:
    'usage error: an unknown command, flag or value, an unknown or ambiguous name, a refused `--out`; the message lists the candidates or says what to do',
  invalidKb: 'invalid knowledge base: every problem in every file, as `file:line:col: message`',
};

// A problem of the knowledge base, located: file (as shown from the working folder), line and
// column from 1, message, and whether it is an error or a warning. Its shape is the JSON of
// `validate --json`.
export type Problem = ProblemRow;

// A lazy bundle (dist/lazy/) carries its own copy of this module, so an error it throws is an
// instance of another class of the same name. instanceof therefore asks for the kinds an error
// was made with, which every copy sets alike; the names are written out because the build
// minifies class names.
export class AigcError extends Error {
  static readonly kind: string = 'AigcError';
  readonly kinds: string[] = [];

  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    for (let c = new.target as typeof AigcError; c?.kind; c = Object.getPrototypeOf(c))
      if (!this.kinds.includes(c.kind)) this.kinds.push(c.kind);
    this.name = this.kinds[0];
  }

  static override [Symbol.hasInstance](x: unknown): boolean {
    const kinds = (x as { kinds?: unknown } | null)?.kinds;
    return x instanceof Error && Array.isArray(kinds) && kinds.includes(this.kind);
  }
}

export class UsageError extends AigcError {
  static override readonly kind: string = 'UsageError';
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

export class NotFoundError extends AigcError {
  static override readonly kind: string = 'NotFoundError';
  constructor(message: string) {
    super(message, EXIT.failure);
  }
}

// The file system or the environment refused: a folder that is gone, a full disk, a package
// that does not load. Not the input's fault, nor the tool's.
export class RuntimeFailure extends AigcError {
  static override readonly kind: string = 'RuntimeFailure';
  constructor(message: string) {
    super(message, EXIT.failure);
  }
}

// Standard output refused a write (a full disk, a closed stdout): not the input's fault nor the
// tool's. A reader that has gone (EPIPE) is no failure, and never raises this.
export class WriteError extends RuntimeFailure {
  static override readonly kind: string = 'WriteError';
  static readonly exit: number = EXIT.failure;
}

// The KB is invalid: every problem found, in every file, already located.
export class KbInvalidError extends AigcError {
  static override readonly kind: string = 'KbInvalidError';
  constructor(readonly problems: Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    super(`the knowledge base is invalid: ${counted(errors, 'error')}`, EXIT.invalidKb);
  }
}

// One line, escaped for the terminal: a file name and a message may quote the KB's text.
export function formatProblem(p: Problem): string {
  return terminalText(`${p.file}:${p.line}:${p.col}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`);
}
