// `aigc mcp`: the knowledge base as a Model Context Protocol server on stdin and stdout, for AI
// assistants (Claude Desktop, VS Code...): a tool for each query command, resources for cards,
// counts and attached paragraphs. The KB is loaded (and validated) before the server starts, so
// an invalid KB exits 3 with its problems and starts nothing. The server and the SDK are loaded
// only here (src/mcp/server.ts, a lazy bundle).
import { defineCommand } from '../cli/define.js';
import { terminalText } from '../text/terminal.js';
import { COMMANDS } from './index.js';

declare const __AIGC_VERSION__: string;

export const command = defineCommand({
  name: 'mcp',
  summary: 'serve the knowledge base to AI assistants: an MCP server on stdin/stdout, read-only',
  examples: ['aigc mcp', 'aigc --kb ./kb mcp'],
  async run(ctx) {
    const loaded = await ctx.load();
    const { serve } = await import('../mcp/server.js');
    // An internal error's message may hold the KB's text: escaped for a terminal, as every message is.
    const log = (line: string) => void ctx.io.stderr.write(`${terminalText(line, 'prose')}\n`);
    // A person who typed it at a terminal is told what it is waiting for; a client is not.
    if (process.stdin.isTTY)
      log(
        'aigc: an MCP server on stdin and stdout, for an MCP client (Claude Desktop, VS Code...) to start; Ctrl-D ends it',
      );
    await serve({
      ctx,
      loaded,
      commands: COMMANDS,
      version: typeof __AIGC_VERSION__ === 'string' ? __AIGC_VERSION__ : '0.0.0-dev',
      log,
    });
    return { stdout: '' };
  },
});
