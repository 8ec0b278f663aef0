// The error family and the exit-code table. Commands and the core throw these;
// only src/main.ts turns them into a message and an exit code.

export const EXIT = {
  ok: 0,
  notFound: 1, // `show` found nothing, or a runtime failure
  usage: 2, // a bad command, flag or value
  invalidKb: 3, // the knowledge base failed validation
} as const;

export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
  severity: 'error' | 'warning';
}

export class AigcError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UsageError extends AigcError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

export class NotFoundError extends AigcError {
  constructor(message: string) {
    super(message, EXIT.notFound);
  }
}

// The KB is invalid: every problem found, in every file, already located.
export class KbInvalidError extends AigcError {
  constructor(readonly problems: Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    super(`the knowledge base is invalid: ${errors} error${errors === 1 ? '' : 's'}`, EXIT.invalidKb);
  }
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}
