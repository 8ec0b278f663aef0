import { sourceView } from '../kb/views.js';
import type { OutputOptions } from '../output/render.js';
import { list, type Ctx } from './context.js';

export async function run(ctx: Ctx, o: OutputOptions) {
  const { kb } = await ctx.load();
  const rows = kb.sources.map((s) => sourceView(kb, s));
  return list({ rows, columns: ['id', 'kind', 'title', 'publisher', 'published', 'claims'], wide: ['title'] }, o, ctx);
}
