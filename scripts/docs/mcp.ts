// The tools of `aigc mcp` for the manual (the section mcp-tools of docs/commands.md), made as the
// server makes them from the commands' declarations: each with what it answers and its
// parameters, so a flag added to a command shows here.
import type { Ctx } from '../../src/cli/define.js';
import { COMMANDS } from '../../src/commands/index.js';
import type { Loaded } from '../../src/load/load.js';
import { paragraphTool } from '../../src/mcp/paragraphs.js';
import { commandTools } from '../../src/mcp/tools.js';

// The table's head and rows, for the manual's one table maker (scripts/docs/sections.ts).
export function mcpTools(): [string[], string[][]] {
  const none = {} as Ctx;
  const loaded = { kb: { sources: [] } } as unknown as Loaded;
  const tools = [
    ...commandTools(COMMANDS, none, loaded),
    paragraphTool(
      none,
      loaded.kb,
      COMMANDS.find((c) => c.name === 'source'),
    ),
  ];
  const paging = new Set(['sort', 'limit', 'offset']);
  return [
    ['tool', 'what it answers', 'parameters (besides `sort`, `limit`, `offset` on every list; `limit` on the others)'],
    tools.map((t) => [
      `\`${t.name}\``,
      t.description.split(/(?<=[.)]) (?=[A-Z])/)[0].replace(/\.$/, ''),
      Object.keys(t.input.shape)
        .filter((k) => !paging.has(k))
        .map((k) => `\`${k}\``)
        .join(', '),
    ]),
  ];
}
