// `aigc landscape --out FILE.html`: the field as one self-contained page. The file is written
// whole or not at all; an existing file is kept unless --force. The page goes to the file and a
// one-line summary to stderr; stdout stays empty.
import { landscapeData } from '../landscape/data.js';
import { landscapePage } from '../landscape/page.js';
import { checkOut, writeWhole } from '../landscape/write.js';
import type { Ctx, Output } from './context.js';

export interface Options {
  out: string;
  force?: boolean;
}

export async function run(ctx: Ctx, o: Options): Promise<Output> {
  // Checked before the KB is read: a refusal need not wait for a load.
  const path = checkOut(o.out, ctx.io.cwd, Boolean(o.force));
  const { kb } = await ctx.load();
  const data = landscapeData(kb);
  writeWhole(path, landscapePage(data), o.out);
  const c = data.counts;
  const other = data.groups.some((g) => g.other) ? ' and Other' : '';
  const of = c.entities === 1 ? '1 organisation or product' : `${c.entities} organisations and products`;
  return { stdout: '', stderr: [`wrote ${o.out}: ${n(c.segments, 'segment')}${other}, ${n(c.cards, 'card')} of ${of}`] };
}

const n = (k: number, noun: string) => `${k} ${noun}${k === 1 ? '' : 's'}`;
