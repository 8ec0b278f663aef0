// `aigc validate`: every problem of the knowledge base, located, and the provenance check of
// each source whose text is at hand: its quotes and date bases, verbatim in the paragraphs they
// cite.
import { EXIT, formatProblem, KbInvalidError, type Problem, UsageError } from '../errors.js';
import type { Loaded } from '../load/load.js';
import { checkProvenance } from '../load/provenance.js';
import { knownSource, readCopy } from '../texts/attach.js';
import { lookupNotes, textRun } from '../texts/context.js';
import { textShelf } from '../texts/store.js';
import { shown } from '../text/suggest.js';
import { type Ctx, defineCommand, type Output } from '../cli/define.js';
import { counted } from '../text/words.js';

interface Options {
  json?: boolean;
  sourceText?: string[];
}

export const command = defineCommand<Options>({
  name: 'validate',
  summary: 'check the knowledge base; print every problem as file:line:col',
  examples: [
    'aigc validate',
    'aigc validate --kb my-kb --json',
    'aigc validate --source-text shulou-aigc-2023=../shared/seed/000_0a687ad9dad331a4.txt',
  ],
  flags: [
    { name: 'json', help: 'print the problems as a JSON array' },
    {
      name: 'source-text',
      arg: 'id=path',
      repeatable: true,
      help: "check a source's quotes, date bases and paragraph locators against this copy of its text, for this run (repeatable); `aigc source attach` keeps one for every run",
    },
  ],
  run: (ctx, _args, o) => validate(ctx, o),
});

async function validate(ctx: Ctx, o: Options): Promise<Output> {
  let problems: Problem[];
  let counts = '';
  const notes: string[] = [];
  let against: string[] = [];
  try {
    const loaded = await ctx.load();
    problems = [...loaded.warnings];
    const checked = await provenance(ctx, loaded, o.sourceText ?? []);
    problems.push(...checked.problems);
    notes.push(...checked.notes);
    against = checked.against;
    const { kb } = loaded;
    counts = [
      counted(kb.sources.length, 'source'),
      counted(kb.entities.length, 'entity', 'entities'),
      counted(kb.claims.length, 'claim'),
    ].join(', ');
  } catch (e) {
    if (!(e instanceof KbInvalidError)) throw e;
    problems = e.problems;
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const exitCode = errors ? EXIT.invalidKb : EXIT.ok;
  if (o.json) return { stdout: `${JSON.stringify(problems, null, 2)}\n`, stderr: notes, exitCode };
  // A clean run says what the provenance check covered, so that it is seen to have run.
  const covered = against.length ? `; checked against the text: ${against.join('; ')}` : '';
  const summary =
    errors || warnings
      ? `${counted(errors, 'error')}, ${counted(warnings, 'warning')}`
      : `ok: ${counts}, no problems${covered}`;
  return { stdout: '', stderr: [...notes, ...problems.map(formatProblem), summary], exitCode };
}

// Each source checked against the copy named for this run, else its attached text; a source
// that records a fingerprint and has no text at hand is named, with how to attach one.
async function provenance(
  ctx: Ctx,
  loaded: Loaded,
  specs: string[],
): Promise<{ problems: Problem[]; notes: string[]; against: string[] }> {
  const { kb } = loaded;
  const run = textRun(ctx);
  const oneOff = new Map<string, string>();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq < 1) throw new UsageError(`--source-text wants SOURCE_ID=PATH, got "${shown(spec)}"`);
    oneOff.set(knownSource(kb, spec.slice(0, eq)).id, spec.slice(eq + 1));
  }
  const shelf = textShelf(kb, run);
  const problems: Problem[] = [];
  const notes: string[] = [];
  const against: string[] = [];
  for (const source of kb.sources) {
    let paragraphs: string[];
    const path = oneOff.get(source.id);
    if (path !== undefined) paragraphs = readCopy(kb, source, path, run).paragraphs;
    else {
      if (!source.text) continue;
      const t = shelf(source.id);
      notes.push(...lookupNotes(`the provenance check was skipped for ${source.id}`)(t));
      if (!t.ok) continue;
      paragraphs = t.paragraphs;
    }
    problems.push(...(await located(loaded, source.id, paragraphs)));
    const cited = kb.claimsFrom(source.id);
    const quotes = cited.filter((c) => c.kind === 'quote').length;
    const bases = cited.filter((c) => c.when?.basis).length;
    against.push(`${counted(quotes, 'quote')} and ${counted(bases, 'date basis', 'date bases')} of ${source.id}`);
  }
  return { problems, notes, against };
}

async function located(loaded: Loaded, sourceId: string, paragraphs: string[]): Promise<Problem[]> {
  const parts = loaded.parts();
  const claims = parts.flatMap((p, part) => p.records.claims.map((claim, index) => ({ claim, part, index })));
  const where = new Map(claims.map((c) => [c.claim, c]));
  const mismatches = checkProvenance(
    claims.map((c) => c.claim),
    sourceId,
    paragraphs,
  );
  if (!mismatches.length) return [];
  const { locate, locator } = await import('../load/build.js');
  const loc = locator(parts.map((p) => p.info));
  return mismatches.map((m) => {
    const { part, index } = where.get(m.claim)!;
    return {
      file: parts[part].info.path,
      ...locate(loc(part), ['claims', index, ...m.at], m.key),
      message: m.message,
      severity: 'error' as const,
    };
  });
}
