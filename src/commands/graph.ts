import { UsageError } from '../errors.js';
import { around, buildGraph } from '../graph/build.js';
import { toDot } from '../graph/dot.js';
import { toMermaid } from '../graph/mermaid.js';
import { resolveEntity } from '../query/resolve.js';
import { json, type Ctx, type Output } from './context.js';

export interface Options {
  about?: string;
  depth?: number;
  format?: 'dot' | 'mermaid' | 'json';
}

export async function run(ctx: Ctx, o: Options): Promise<Output> {
  // Without a centre, a depth has nothing to count from: saying so beats ignoring it.
  if (o.depth !== undefined && o.about === undefined)
    throw new UsageError('--depth needs --about: the number of steps out from that entity');
  const { kb } = await ctx.load();
  let graph = buildGraph(kb);
  const focus = o.about === undefined ? undefined : resolveEntity(kb, o.about, { noun: 'entity' }).id;
  if (focus) graph = around(graph, focus, o.depth ?? 1);
  if (o.format === 'json') return json(graph);
  return { stdout: o.format === 'mermaid' ? toMermaid(graph, { focus }) : toDot(graph, { focus }) };
}
