// `aigc validate`: every problem of the knowledge base, located, and the provenance check of its
// quotes against a source's text.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, formatProblem, KbInvalidError, UsageError, type Problem } from '../errors.js';
import { checkProvenance } from '../load/provenance.js';
import { didYouMean, shown } from '../text/suggest.js';
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
      help: "check a source's quotes and paragraph locators against its plain text (repeatable)",
    },
  ],
  run: (ctx, _args, o) => validate(ctx, o),
});

async function validate(ctx: Ctx, o: Options): Promise<Output> {
  let problems: Problem[];
  let counts = '';
  try {
    const loaded = await ctx.load();
    problems = [...loaded.warnings];
    for (const spec of o.sourceText ?? []) problems.push(...(await provenance(ctx, loaded, spec)));
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
  if (o.json) return { stdout: `${JSON.stringify(problems, null, 2)}\n`, exitCode };
  const summary =
    errors || warnings ? `${counted(errors, 'error')}, ${counted(warnings, 'warning')}` : `ok: ${counts}, no problems`;
  return { stdout: '', stderr: [...problems.map(formatProblem), summary], exitCode };
}

async function provenance(ctx: Ctx, loaded: Awaited<ReturnType<Ctx['load']>>, spec: string): Promise<Problem[]> {
  const eq = spec.indexOf('=');
  if (eq < 1) throw new UsageError(`--source-text wants SOURCE_ID=PATH, got "${shown(spec)}"`);
  const id = spec.slice(0, eq);
  const path = resolve(ctx.io.cwd, spec.slice(eq + 1));
  if (!loaded.kb.source(id))
    throw new UsageError(
      `unknown source "${shown(id)}"${didYouMean(
        id,
        loaded.kb.sources.map((s) => s.id),
      )}`,
    );
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the text of ${shown(id)}: ${shown(path)} (${(e as NodeJS.ErrnoException).code})`);
  }
  const parts = loaded.parts();
  const claims = parts.flatMap((p, part) => p.records.claims.map((claim, index) => ({ claim, part, index })));
  const where = new Map(claims.map((c) => [c.claim, c]));
  const mismatches = checkProvenance(
    claims.map((c) => c.claim),
    id,
    text,
  );
  if (!mismatches.length) return [];
  const { locate, locator } = await import('../load/build.js');
  const loc = locator(parts.map((p) => p.info));
  return mismatches.map((m) => {
    const { part, index } = where.get(m.claim)!;
    return {
      file: parts[part].info.path,
      ...locate(loc(part), ['claims', index], m.field),
      message: m.message,
      severity: 'error' as const,
    };
  });
}
