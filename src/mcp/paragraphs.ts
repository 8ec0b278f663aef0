// A source's paragraphs, where the user has attached its text: the `paragraph` tool and the
// paragraph resources read them through textOf, the one place that asks the store of texts.
import { z } from 'zod';
import type { Command, Ctx } from '../cli/define.js';
import { NotFoundError, UsageError } from '../errors.js';
import type { Kb } from '../query/kb.js';
import { ClaimRow, NameRef, ParagraphRow } from '../output/shapes.js';
import { splitValues } from '../query/resolve.js';
import { inSourceOrder, paragraphRange } from '../query/select.js';
import { claimView, sourceRef } from '../query/views.js';
import { textRun } from '../texts/context.js';
import { sourceText } from '../texts/store.js';
import { didYouMean, shown } from '../text/suggest.js';
import { checkInput, type InputSpec, inputSchema, invocation, LIMIT } from './input.js';
import { described } from './results.js';
import { claimLine } from './text.js';
import type { Tool } from './tools.js';

export type SourceText = { ok: true; paragraphs: string[]; warnings: string[] } | { ok: false; message: string };

// The attached text of a source, paragraph N at [N - 1], or why there is none (with how to
// attach one): the store's lookup (src/texts/store.ts), with --texts and AIGC_TEXTS as the CLI
// has them. Read afresh each time, so a text attached while the server runs is found.
export function textOf(ctx: Ctx, kb: Kb, sourceId: string): SourceText {
  const t = sourceText(kb, sourceId, textRun(ctx));
  return t.ok ? { ok: true, paragraphs: t.paragraphs, warnings: t.warnings } : { ok: false, message: t.message };
}

const ParagraphsResult = z.strictObject({
  source: described(NameRef, 'the source, by id and title'),
  rows: described(z.array(ParagraphRow), 'the paragraphs asked for, in order'),
  total: described(z.number().int().nonnegative(), 'how many paragraphs were asked for'),
  truncated: described(z.boolean(), 'more were asked for than `limit`'),
  claims: described(z.array(ClaimRow), 'the claims of the KB that cite these paragraphs'),
  notes: described(z.array(z.string()).optional(), 'copies of the text found and refused on the way'),
});

export function knownSource(kb: Kb, id: string): string {
  if (kb.source(id)) return id;
  throw new NotFoundError(
    `no source is called "${shown(id)}"${didYouMean(
      id,
      kb.sources.map((s) => s.id),
    )}; sources: ${kb.sources.map((s) => s.id).join(', ')}`,
  );
}

// The paragraph numbers of "40", "31-36", "3,5-7" (or a list of them), each once, in order: the
// ranges merged before any number is made, so that how many were asked costs nothing however
// long or overlapping the ranges, and only the page given is made.
export function paragraphNumbers(specs: readonly string[], count: number, sourceId: string) {
  const ranges = splitValues(specs)
    .map(paragraphRange)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of ranges) {
    if (b > count) throw new UsageError(`${sourceId} has ${count} paragraphs; there is no paragraph ${b}`);
    const last = merged.at(-1);
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return {
    total: merged.reduce((n, [a, b]) => n + b - a + 1, 0),
    first(limit: number): number[] {
      const out: number[] = [];
      for (const [a, b] of merged) for (let n = a; n <= b && out.length < limit; n++) out.push(n);
      return out;
    },
  };
}

// The source's own parameter; `paragraph` is the --paragraph flag of `aigc source`, as declared
// there (its values, its parser, a list), required here.
function specOf(source: Command | undefined): InputSpec {
  const flag = source?.flags?.find((f) => f.name === 'paragraph');
  if (!flag) throw new Error('aigc source declares no --paragraph flag for the paragraph tool');
  return {
    args: [{ name: 'source', help: 'the source, by id (the `sources` tool lists them)', required: true }],
    flags: [{ ...flag, help: 'which paragraphs, as the claims cite them: 40, 31-36 or 3,5-7', required: true }],
    paging: false,
  };
}

// `source` is the declaration of `aigc source`, whose --paragraph flag the tool takes.
export function paragraphTool(ctx: Ctx, kb: Kb, source: Command | undefined): Tool {
  const SPEC = specOf(source);
  const input = inputSchema(SPEC);
  const id = kb.sources[0]?.id ?? 'SOURCE-ID';
  const example = { input: { source: id, paragraph: ['40'] }, line: `aigc source ${id} --paragraph 40` };
  return {
    name: 'paragraph',
    title: 'a paragraph of a source',
    description: `Read paragraphs of a source whose text the user has attached (aigc source attach ID PATH), with the claims that cite them: the words a claim's paragraph number points to. Without an attached text, a tool error says how to attach one. At most \`limit\` paragraphs (default ${LIMIT.default}, at most ${LIMIT.max}). Example: ${JSON.stringify(example.input)}.`,
    input,
    output: ParagraphsResult,
    examples: [example],
    async call(given) {
      const i = checkInput(input, given);
      const { args, opts } = invocation(SPEC, i);
      const source = knownSource(kb, args[0]);
      const t = textOf(ctx, kb, source);
      if (!t.ok) throw new NotFoundError(t.message);
      const numbers = paragraphNumbers(opts.paragraph as string[], t.paragraphs.length, source);
      const rows = numbers.first(i.limit).map((n) => ({ source, paragraph: n, text: t.paragraphs[n - 1] }));
      const shownNumbers = new Set(rows.map((r) => r.paragraph));
      const claims = inSourceOrder(
        kb,
        kb.claimsFrom(source).filter((c) => shownNumbers.has(c.paragraph)),
      ).map((c) => claimView(kb, c));
      const result = {
        source: sourceRef(kb, source),
        rows,
        total: numbers.total,
        truncated: numbers.total > rows.length,
        claims,
        ...(t.warnings.length ? { notes: t.warnings } : {}),
      };
      const text = [
        `${source} = “${result.source.name}”`,
        ...rows.map((r) => `¶${r.paragraph}\n${r.text}`),
        ...(claims.length ? ['Claims citing these paragraphs:', ...claims.map((c) => `- ${claimLine(c)}`)] : []),
        ...(result.truncated ? [`(${numbers.total} paragraphs asked for; the first ${rows.length} given)`] : []),
        ...t.warnings,
      ].join('\n');
      return { structured: result, text };
    },
  };
}
