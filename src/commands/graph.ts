// `aigc graph`: the relation graph as DOT, Mermaid or JSON, whole or around one entity.
import { defineCommand } from '../cli/define.js';
import { UsageError } from '../errors.js';
import { jsonOutput } from '../output/render.js';
import { resolveEntity } from '../query/resolve.js';

const FORMATS = ['dot', 'mermaid', 'json'] as const;

interface Options {
  about?: string;
  depth?: number;
  format?: (typeof FORMATS)[number];
}

export const command = defineCommand<Options>({
  name: 'graph',
  summary: 'the relation graph: people, organisations, products, segments, investors and who spoke about whom',
  examples: ['aigc graph --format dot | dot -Tsvg > kb.svg', 'aigc graph --about xiaoice --depth 2 --format mermaid'],
  flags: [
    {
      name: 'about',
      arg: 'name',
      type: { entity: 'any', noun: 'entity' },
      help: 'only the part of the graph around this entity',
    },
    { name: 'depth', arg: 'n', type: 'count', help: 'with --about: how many steps out to go (default: 1)' },
    { name: 'format', arg: 'format', type: { choice: FORMATS }, help: 'dot|mermaid|json (default: dot)' },
  ],
  async run(ctx, _args, o) {
    // Without a centre, a depth has nothing to count from: saying so beats ignoring it.
    if (o.depth !== undefined && o.about === undefined)
      throw new UsageError('--depth needs --about: the number of steps out from that entity');
    const { kb } = await ctx.load();
    const { around, buildGraph } = await import('../graph/build.js');
    let graph = buildGraph(kb);
    const focus = o.about === undefined ? undefined : resolveEntity(kb, o.about, { noun: 'entity' }).id;
    if (focus) graph = around(graph, focus, o.depth ?? 1);
    if (o.format === 'json') return jsonOutput(graph);
    if (o.format === 'mermaid') return { stdout: (await import('../graph/mermaid.js')).toMermaid(graph, { focus }) };
    return { stdout: (await import('../graph/dot.js')).toDot(graph, { focus }) };
  },
});
