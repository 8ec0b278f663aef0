// `aigc landscape --out FILE.html`: the field as one self-contained page. The file is written
// whole or not at all; an existing file is kept unless --force. The page goes to the file (or to
// stdout with `--out -`) and a one-line summary to stderr.
import { checkTarget, leftoverNote, writeFileAtomically } from '../fs/target.js';
import { landscapeData } from '../landscape/data.js';
import { landscapePage } from '../landscape/page.js';
import { pageFile } from '../landscape/write.js';
import type { Ctx, Output } from './context.js';

export interface Options {
  out: string;
  force?: boolean;
}

export async function run(ctx: Ctx, o: Options): Promise<Output> {
  const toStdout = o.out === '-';
  // Checked before the KB is read: a refusal need not wait for a load.
  const target = toStdout ? undefined : checkTarget(o.out, ctx.io.cwd, Boolean(o.force), pageFile);
  const { kb } = await ctx.load();
  const data = landscapeData(kb);
  const page = landscapePage(data);
  const left = target && writeFileAtomically(target, page);
  const c = data.counts;
  const has = (kind: string) => data.groups.some((g) => g.kind === kind);
  const groups = [has('platforms') && 'Platforms', n(c.segments, 'segment'), has('other') && 'Other'].filter(Boolean);
  const shown = groups.length > 1 ? `${groups.slice(0, -1).join(', ')} and ${groups.at(-1)}` : groups[0];
  const of = c.entities === 1 ? '1 organisation or product' : `${c.entities} organisations and products`;
  return {
    stdout: toStdout ? page : '',
    stderr: [
      `wrote ${target ? o.out : 'the page to stdout'}: ${shown}, ${n(c.cards, 'card')} of ${of}`,
      ...leftoverNote(left),
    ],
  };
}

const n = (k: number, noun: string) => `${k} ${noun}${k === 1 ? '' : 's'}`;
