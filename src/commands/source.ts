// `aigc source ID`: a source's card and whether its text is attached; `--paragraph N` prints
// paragraphs of that text. `aigc source attach ID PATH` keeps the user's copy of the text (once
// its fingerprint is checked) for every later run; `aigc source detach ID` removes it.
import { type Ctx, defineCommand, type Output } from '../cli/define.js';
import { EXIT, NotFoundError, UsageError } from '../errors.js';
import type { Source } from '../load/schema.js';
import { jsonOutput } from '../output/render.js';
import type { ParagraphRow, SourceCard } from '../output/shapes.js';
import type { Kb } from '../query/kb.js';
import { splitValues } from '../query/resolve.js';
import { paragraphRange } from '../query/select.js';
import { sourceView } from '../query/views.js';
import { attachText, detachText } from '../texts/attach.js';
import { lookupNotes, textRun } from '../texts/context.js';
import { attachAdvice, sourceText } from '../texts/store.js';
import { didYouMean, shown } from '../text/suggest.js';
import { terminalText } from '../text/terminal.js';
import { wrap } from '../text/width.js';
import { counted } from '../text/words.js';

interface Options {
  paragraph?: string[];
  json?: boolean;
}

const ACTIONS = ['attach', 'detach'] as const;

export const command = defineCommand<Options>({
  name: 'source',
  summary: 'show a source and its paragraphs; attach your copy of its text (aigc source attach ID PATH)',
  examples: [
    'aigc source shulou-aigc-2023',
    'aigc source shulou-aigc-2023 --paragraph 40',
    'aigc source shulou-aigc-2023 --paragraph 31-36 --json',
    'aigc source attach shulou-aigc-2023 ../shared/seed/000_0a687ad9dad331a4.txt',
    'aigc source detach shulou-aigc-2023',
  ],
  args: [
    {
      name: 'id',
      help: "the source's id; or `attach`, or `detach`",
      required: true,
      type: { names: ACTIONS },
    },
    {
      name: 'args',
      help: 'after attach: ID PATH (your copy of the text); after detach: ID',
      variadic: true,
      type: 'file',
    },
  ],
  flags: [
    {
      name: 'paragraph',
      arg: 'n',
      type: 'paragraphs',
      repeatable: true,
      help: 'print these paragraphs of the attached text: 40, 31-36 or 3,5-7 (repeatable)',
    },
    { name: 'json', help: 'print JSON' },
  ],
  async run(ctx, [first, ...more], o) {
    const action = ACTIONS.find((a) => a === first);
    for (const [flag, given] of [
      ['--paragraph', o.paragraph !== undefined],
      ['--json', o.json],
    ] as const)
      if (action && given) throw new UsageError(`${flag} goes with \`aigc source ID\`, not with ${action}`);
    if (action === 'attach') {
      if (more.length !== 2) throw new UsageError('attach wants a source and a file: aigc source attach ID PATH');
      return attach(ctx, more[0], more[1]);
    }
    if (action === 'detach') {
      if (more.length !== 1) throw new UsageError('detach wants a source: aigc source detach ID');
      return detach(ctx, more[0]);
    }
    if (more.length)
      throw new UsageError(
        `unexpected "${shown(more[0])}": aigc source ID [--paragraph N], or aigc source attach ID PATH, or aigc source detach ID`,
      );
    const { kb } = await ctx.load();
    const source = found(kb, first);
    return o.paragraph === undefined ? card(ctx, kb, source, o) : paragraphs(ctx, kb, source, o.paragraph, o);
  },
});

function found(kb: Kb, id: string): Source {
  const s = kb.source(id);
  if (s) return s;
  throw new NotFoundError(
    `no source is called "${shown(id)}"${didYouMean(
      id,
      kb.sources.map((x) => x.id),
    )}`,
  );
}

async function card(ctx: Ctx, kb: Kb, source: Source, o: Options): Promise<Output> {
  const t = sourceText(kb, source.id, textRun(ctx));
  const view: SourceCard = { ...sourceView(kb, source), attached: t.ok ? t.origin : null };
  const stderr = t.warnings.map((w) => `aigc: warning: ${w}`);
  if (o.json) return { ...jsonOutput(view), stderr };
  const { card } = await import('../output/card.js');
  const attached = t.ok
    ? `${t.paragraphs.length} paragraphs, from ${t.origin.from === 'store' ? 'the store' : '--texts'}: ${t.origin.path}`
    : t.reason === 'no-fingerprint'
      ? 'no: the source records no fingerprint to check a copy against'
      : `no: ${attachAdvice(source.id)}`;
  return { stdout: card.source({ ...view, attached }, ctx.view), stderr };
}

function paragraphs(ctx: Ctx, kb: Kb, source: Source, spec: string[], o: Options): Output {
  const t = sourceText(kb, source.id, textRun(ctx));
  if (!t.ok)
    return { stdout: '', stderr: lookupNotes(`cannot print paragraphs of ${source.id}`)(t), exitCode: EXIT.failure };
  const rows: ParagraphRow[] = numbers(spec, t.paragraphs.length, source.id).map((n) => ({
    source: source.id,
    paragraph: n,
    text: t.paragraphs[n - 1],
  }));
  const stderr = t.warnings.map((w) => `aigc: warning: ${w}`);
  if (o.json) return { ...jsonOutput(rows), stderr };
  // Each paragraph under its number, exactly as the text has it (as `awk -v RS= 'NR==N'` prints
  // it); on a terminal with its controls shown, not obeyed (the copy is the user's, not aigc's),
  // and wrapped at word boundaries to the terminal's width.
  const shownText = ctx.view.tty
    ? (t: string) => wrap(terminalText(t, 'prose'), ctx.view.width).join('\n')
    : (t: string) => t;
  return { stdout: rows.map((r) => `¶${r.paragraph}\n${shownText(r.text)}\n`).join('\n'), stderr };
}

// 40, 31-36, 3,5-7 (and --paragraph given again): the paragraph numbers, in the order given.
export function numbers(specs: readonly string[], count: number, id: string): number[] {
  const out: number[] = [];
  for (const [from, to] of splitValues(specs).map(paragraphRange)) {
    if (to > count) throw new UsageError(`paragraph ${to} does not exist: ${id} has ${count}`);
    for (let n = from; n <= to; n++) out.push(n);
  }
  return out;
}

async function attach(ctx: Ctx, id: string, path: string): Promise<Output> {
  const { kb } = await ctx.load();
  const done = attachText(kb, id, path, textRun(ctx));
  return {
    stdout: '',
    stderr: [
      `aigc: attached your copy of the text of ${id} (${counted(done.paragraphs, 'paragraph')}), kept as ${done.path}; \`aigc source detach ${id}\` removes it`,
    ],
  };
}

async function detach(ctx: Ctx, id: string): Promise<Output> {
  const { kb } = await ctx.load();
  const done = detachText(kb, id, textRun(ctx));
  return {
    stdout: '',
    stderr: [done.path ? `aigc: removed ${done.path}` : `aigc: no text of ${id} was attached; nothing removed`],
  };
}
