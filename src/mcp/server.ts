// The MCP server of `aigc mcp`: the tools (src/mcp/tools.ts, paragraphs.ts) and resources
// (resources.ts) over the KB loaded once, on the SDK's low-level Server, so that the schemas a
// client is given are the ones made here (with the shapes' descriptions and named parts), made
// once. Read-only: nothing here writes a file. This module and the SDK are a lazy bundle of
// their own (dist/lazy/server.cjs), loaded by `aigc mcp` alone.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  CompleteRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type Tool as ListedTool,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Command, Ctx } from '../cli/define.js';
import { AigcError } from '../errors.js';
import type { Loaded } from '../load/load.js';
import { didYouMean, shown } from '../text/suggest.js';
import { paragraphTool } from './paragraphs.js';
import { ResourceError, resources, TEMPLATES } from './resources.js';
import { jsonSchema } from './results.js';
import { commandTools, quietCtx, type Tool } from './tools.js';

const INSTRUCTIONS = `aigc answers from a curated, cited knowledge base of China's generative-AI (AIGC) landscape: companies, investors, people, products and segments, and the quotes, statements, figures and events the sources report. Answer from these results rather than from memory. Every claim comes with its source (id and title) and paragraph: cite them; a quote's text is the speaker's verbatim words, so quote it as given. Names may be ids, names or aliases, in English or Chinese; a name the KB does not know returns a tool error with the closest candidates. Lists come a page at a time (limit, offset). Where the user has attached a source's text, the paragraph tool and the aigc://source/{id}/paragraph/{n} resources give the words a paragraph number points to.`;

const ANNOTATIONS = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

export interface ServeOptions {
  ctx: Ctx; // the command's: --kb and the environment, for the tools' commands
  loaded: Loaded;
  commands: readonly Command[];
  version: string;
  transport?: Transport; // stdin and stdout when absent
  log(line: string): void; // to stderr
}

export function buildServer(o: Omit<ServeOptions, 'transport'>): Server {
  const run = quietCtx(o.ctx, o.loaded);
  const tools: Tool[] = [
    ...commandTools(o.commands, o.ctx, o.loaded),
    paragraphTool(
      run,
      o.loaded.kb,
      o.commands.find((c) => c.name === 'source'),
    ),
  ];
  const byName = new Map(tools.map((t) => [t.name, t]));
  const res = resources(run, o.loaded.kb, tools);
  // Made on the first tools/list, then kept: the KB and its commands do not change under a server.
  let listed: ListedTool[] | undefined;

  const server = new Server(
    { name: 'aigc', title: "aigc: China's AIGC landscape, cited", version: o.version },
    { capabilities: { tools: {}, resources: {}, completions: {} }, instructions: INSTRUCTIONS },
  );

  server.setRequestHandler(ListToolsRequestSchema, () => {
    listed ??= tools.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      inputSchema: jsonSchema(t.input, 'input'),
      outputSchema: jsonSchema(t.output, 'output'),
      annotations: ANNOTATIONS,
    }));
    return { tools: listed };
  });

  server.setRequestHandler(CallToolRequestSchema, async (req): Promise<CallToolResult> => {
    const tool = byName.get(req.params.name);
    if (!tool)
      throw new McpError(
        ErrorCode.InvalidParams,
        `unknown tool "${shown(req.params.name)}"${didYouMean(req.params.name, byName.keys())}`,
      );
    try {
      const { structured, text } = await tool.call(req.params.arguments);
      // What the client is promised: a result that does not match its schema is a fault here.
      const checked = tool.output.safeParse(structured);
      if (!checked.success)
        throw new Error(`the ${tool.name} result does not match its schema: ${z.prettifyError(checked.error)}`);
      return { content: [{ type: 'text', text }], structuredContent: structured };
    } catch (e) {
      // Bad input or an unknown name: a tool error the assistant can read and act on.
      if (e instanceof AigcError) return { isError: true, content: [{ type: 'text', text: e.message }] };
      const err = e as Error;
      o.log(`aigc: mcp: internal error in ${tool.name}: ${err?.message ?? String(e)}`);
      if (o.ctx.io.env.AIGC_DEBUG) o.log(err?.stack ?? '');
      return { isError: true, content: [{ type: 'text', text: `internal error: ${err?.message ?? String(e)}` }] };
    }
  });

  server.setRequestHandler(ListResourcesRequestSchema, (req) => wrap(() => res.list(req.params?.cursor)));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({ resourceTemplates: [...TEMPLATES] }));
  server.setRequestHandler(ReadResourceRequestSchema, (req) =>
    wrap(async () => ({ contents: [await res.read(req.params.uri)] })),
  );
  server.setRequestHandler(CompleteRequestSchema, (req) => {
    const { ref, argument, context } = req.params;
    const values =
      ref.type === 'ref/resource' ? res.complete(ref.uri, argument.name, argument.value, context?.arguments ?? {}) : [];
    return { completion: { values, total: values.length, hasMore: false } };
  });
  return server;
}

// A resource's own errors as MCP errors with their codes.
async function wrap<T>(f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ResourceError) throw new McpError(e.code, e.message);
    throw e;
  }
}

// Serves until the client closes stdin (or the transport closes).
export async function serve(o: ServeOptions): Promise<void> {
  const server = buildServer(o);
  const closed = new Promise<void>((resolve) => {
    server.onclose = resolve;
  });
  server.onerror = (e) => o.log(`aigc: mcp: ${e.message}`);
  if (o.transport) await server.connect(o.transport);
  else {
    // Each answer written while the client is slow to read waits for the pipe to drain with a
    // listener of its own: many answers in flight are many listeners, not a leak, and Node's
    // warning about them would be a message on stderr that is not aigc's.
    process.stdout.setMaxListeners(0);
    await server.connect(new StdioServerTransport());
    // A client that goes away ends the server: stdin at its end, or stdout closed under a write.
    process.stdin.once('end', () => void server.close());
    process.stdout.on('error', () => void server.close());
  }
  await closed;
}
