// The resources: the KB's counts (aigc://stats), each entity's card (aigc://entity/<id>) and each
// paragraph of a source whose text is attached (aigc://source/<id>/paragraph/<n>), listed a
// page at a time, with templates for the two families and completion of their variables.
// The cards and counts are the `show` and `stats` tools' answers, so they read as those do.
import type { Ctx } from '../cli/define.js';
import type { Kb } from '../query/kb.js';
import { didYouMean, shown } from '../text/suggest.js';
import { LIMIT } from './input.js';
import { knownSource, textOf } from './paragraphs.js';
import type { Tool } from './tools.js';

export interface Resource {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType: string;
}

export interface Contents {
  uri: string;
  mimeType: string;
  text: string;
}

// MCP's code for a resource that does not exist.
export const RESOURCE_NOT_FOUND = -32002;
export class ResourceError extends Error {
  constructor(
    message: string,
    readonly code = RESOURCE_NOT_FOUND,
  ) {
    super(message);
  }
}

export const TEMPLATES = [
  {
    uriTemplate: 'aigc://entity/{id}',
    name: 'entity',
    title: "An entity's card",
    description:
      'A company, investor, organisation, person, product or segment by id: what it is, its aliases and relations, its quotes and the claims about it, each cited (as `aigc show ID --json`).',
    mimeType: 'application/json',
  },
  {
    uriTemplate: 'aigc://source/{id}/paragraph/{n}',
    name: 'paragraph',
    title: 'A paragraph of a source',
    description:
      "Paragraph n of a source, verbatim, where the user has attached the source's text (aigc source attach ID PATH): the words a claim's paragraph number points to.",
    mimeType: 'text/plain',
  },
] as const;

const STATS: Resource = {
  uri: 'aigc://stats',
  name: 'stats',
  title: "The knowledge base's counts",
  description: 'Entities by type and claims by kind, for the whole KB and per source (as `aigc stats --json`).',
  mimeType: 'application/json',
};

const PAGE = 500;
const entityUri = (id: string) => `aigc://entity/${encodeURIComponent(id)}`;
const paragraphUri = (id: string, n: number) => `aigc://source/${encodeURIComponent(id)}/paragraph/${n}`;

export function resources(ctx: Ctx, kb: Kb, tools: Tool[]) {
  const tool = (name: string) => tools.find((t) => t.name === name)!;
  const cut = (s: string) => (s.length > 200 ? `${s.slice(0, 199)}…` : s);

  function* all(): Generator<Resource> {
    yield STATS;
    for (const e of kb.entities)
      yield {
        uri: entityUri(e.id),
        name: e.id,
        title: `${e.name} (${e.type})`,
        ...(e.description ? { description: cut(e.description) } : {}),
        mimeType: 'application/json',
      };
    for (const s of kb.sources) {
      const t = textOf(ctx, kb, s.id);
      if (t.ok)
        for (let n = 1; n <= t.paragraphs.length; n++)
          yield {
            uri: paragraphUri(s.id, n),
            name: `${s.id}/${n}`,
            title: `${s.title}, paragraph ${n}`,
            description: cut(t.paragraphs[n - 1]),
            mimeType: 'text/plain',
          };
    }
  }

  async function read(uri: string): Promise<Contents> {
    if (uri === STATS.uri) {
      const { structured } = await tool('stats').call({ limit: LIMIT.max });
      return { uri, mimeType: STATS.mimeType, text: JSON.stringify(structured.rows, null, 2) };
    }
    const entity = /^aigc:\/\/entity\/([^/]+)$/.exec(uri);
    if (entity) {
      const id = decodeURIComponent(entity[1]);
      if (!kb.entity(id))
        throw new ResourceError(
          `no entity has the id "${shown(id)}"${didYouMean(
            id,
            kb.entities.map((e) => e.id),
          )}`,
        );
      const { structured } = await tool('show').call({ name_or_id: id, limit: LIMIT.max });
      return { uri, mimeType: 'application/json', text: JSON.stringify(structured.result, null, 2) };
    }
    const para = /^aigc:\/\/source\/([^/]+)\/paragraph\/(\d{1,6})$/.exec(uri);
    if (para) {
      let id: string;
      try {
        id = knownSource(kb, decodeURIComponent(para[1]));
      } catch (e) {
        throw new ResourceError((e as Error).message);
      }
      const t = textOf(ctx, kb, id);
      if (!t.ok) throw new ResourceError(t.message);
      const n = Number(para[2]);
      if (n < 1 || n > t.paragraphs.length)
        throw new ResourceError(`${id} has ${t.paragraphs.length} paragraphs; there is no paragraph ${n}`);
      return { uri, mimeType: 'text/plain', text: t.paragraphs[n - 1] };
    }
    throw new ResourceError(
      `no resource is called "${shown(uri)}": the resources are aigc://stats, aigc://entity/{id} and aigc://source/{id}/paragraph/{n}`,
    );
  }

  // The values a template's variable may take that start with what is typed, at most 100 (MCP's cap).
  function complete(template: string, name: string, value: string, given: Record<string, string>): string[] {
    const starts = (xs: Iterable<string>) => [...xs].filter((x) => x.toLowerCase().startsWith(value.toLowerCase()));
    let values: string[] = [];
    if (template === TEMPLATES[0].uriTemplate && name === 'id') values = starts(kb.entities.map((e) => e.id));
    if (template === TEMPLATES[1].uriTemplate && name === 'id')
      values = starts(kb.sources.filter((s) => textOf(ctx, kb, s.id).ok).map((s) => s.id));
    if (template === TEMPLATES[1].uriTemplate && name === 'n' && given.id) {
      const t = kb.source(given.id) ? textOf(ctx, kb, given.id) : undefined;
      if (t?.ok) values = starts(t.paragraphs.map((_, i) => String(i + 1)));
    }
    return values.slice(0, 100);
  }

  return {
    // A page of the resources, and the cursor of the next page, if any.
    list(cursor?: string): { resources: Resource[]; nextCursor?: string } {
      const from = cursor === undefined ? 0 : Number(cursor);
      if (!Number.isSafeInteger(from) || from < 0)
        throw new ResourceError(`bad cursor "${shown(cursor ?? '')}"`, -32602);
      const page: Resource[] = [];
      let i = 0;
      for (const r of all()) {
        if (i++ < from) continue;
        if (page.length === PAGE) return { resources: page, nextCursor: String(from + PAGE) };
        page.push(r);
      }
      return { resources: page };
    },
    read,
    complete,
  };
}
