import type { Kb } from '../kb/kb.js';
import { resolveEntity } from '../kb/resolve.js';
import { ORG_TYPES } from '../kb/model.js';
import { entityView } from '../kb/views.js';
import type { OutputOptions } from '../output/render.js';
import { list, type Ctx } from './context.js';

export interface Options extends OutputOptions {
  segment?: string;
  maker?: string;
}

export async function run(ctx: Ctx, o: Options) {
  const { kb } = await ctx.load();
  let products = kb.entities.filter((e) => e.type === 'product');
  if (o.segment) {
    const seg = resolveEntity(kb, o.segment, { types: ['segment'], noun: 'segment' });
    products = products.filter((e) => e.segments.includes(seg.id));
  }
  if (o.maker) {
    const maker = resolveEntity(kb, o.maker, { types: ORG_TYPES, noun: 'maker' });
    const family = withParts(kb, maker.id);
    products = products.filter((p) => kb.relations(p.id).some((r) => r.kind === 'maker' && family.has(r.other.id)));
  }
  const rows = products.map((e) => entityView(kb, e));
  return list({ rows, columns: ['id', 'name', 'makers', 'segments', 'description'], wide: ['description'] }, o, ctx);
}

// An organisation and everything part of it, so that --maker bytedance finds what its
// Douyin makes.
export function withParts(kb: Kb, id: string): Set<string> {
  const out = new Set([id]);
  const todo = [id];
  while (todo.length) {
    for (const r of kb.relations(todo.pop()!)) {
      if (r.kind === 'has_part' && !out.has(r.other.id)) (out.add(r.other.id), todo.push(r.other.id));
    }
  }
  return out;
}
