// --context: each claim with the paragraph it cites, from its source's attached text. Without a
// text the claims are printed as ever, and stderr says once per source how to attach one.
import type { Ctx, Flag } from '../cli/define.js';
import type { Kb } from '../query/kb.js';
import { type TextLookup, type TextRun, textShelf } from './store.js';

export const CONTEXT_FLAG: Flag = {
  name: 'context',
  help: "show the paragraph each claim cites, from its source's attached text (aigc source attach ID PATH)",
};

export const textRun = (ctx: Ctx): TextRun => ({ env: ctx.io.env, cwd: ctx.io.cwd, texts: ctx.global.texts });

export interface Cited {
  source: { id: string };
  paragraph: number;
}

export interface Contexts {
  // The paragraph a claim cites, or null when its source has no text attached.
  of(c: Cited): string | null;
  // What to say on stderr: each source's warnings and how to attach, once.
  stderr(): string[];
}

export function contexts(kb: Kb, run: TextRun): Contexts {
  const shelf = textShelf(kb, run);
  const looked = new Map<string, TextLookup>();
  return {
    of(c) {
      let t = looked.get(c.source.id);
      if (!t) looked.set(c.source.id, (t = shelf(c.source.id)));
      return t.ok ? (t.paragraphs[c.paragraph - 1] ?? null) : null;
    },
    stderr: () => [...looked.values()].flatMap(lookupNotes('--context')),
  };
}

// A lookup's warnings, and for a missing text what the command did without it.
export const lookupNotes =
  (what: string) =>
  (t: TextLookup): string[] => [
    ...t.warnings.map((w) => `aigc: warning: ${w}`),
    ...(t.ok ? [] : [`aigc: ${what}: ${t.message}`]),
  ];

// Rows with their `context` field, and the notes for stderr.
export function withContext<R extends Cited>(ctx: Ctx, kb: Kb, rows: R[]): { records: R[]; stderr: string[] } {
  const cx = contexts(kb, textRun(ctx));
  const out = rows.map((r) => ({ ...r, context: cx.of(r) }));
  return { records: out, stderr: cx.stderr() };
}
