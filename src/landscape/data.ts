// What the landscape page shows, as plain data: the groups (Platforms, the segments, Other), each
// with its organisations and products, and one card per organisation or product with its names
// and the quotes and figures that concern it. Which card goes in which group is place.ts. The
// page embeds this as JSON; nothing here knows about HTML.
import type { Kb } from '../query/kb.js';
import { paragraphsOf } from '../query/views.js';
import { ORG_TYPES } from '../model.js';
import type { Claim, Entity } from '../load/schema.js';
import { cell } from '../output/cell.js';
import { counted } from '../text/words.js';
import { memberships, OTHER, PLATFORMS, placements, rosters } from './place.js';

export { OTHER, PLATFORMS };
const HAN = /\p{Script=Han}/u;
// Only these are made links: a KB may hold any URL the schema accepts, javascript: included.
const WEB = /^https?:\/\//i;

export interface Named {
  id: string;
  name: string;
  byEditor?: true; // the link to it is the editor's knowledge, not the source's (the page marks it)
}

export interface Group {
  id: string;
  name: string;
  description: string | null;
  kind: 'platforms' | 'segment' | 'other';
  cites: Quote[]; // of Platforms: the statements that name its companies
  organisations: string[]; // card ids, by name
  products: string[];
  via: Record<string, Named[]>; // a card shown here through others (Baidu via Baidu Wenxin); members are absent
}

export interface Quote {
  id: string;
  text: string; // verbatim
  by: string | null; // the speaker's name
  role: string | null; // "CEO, Xiaoice"; every post: "CEO, A; Chair and Founder, B"
  source: string; // a key of LandscapeData.sources
  paragraph: number;
  paragraphs: number[]; // where the source says it, again included: [11, 75]
}

export interface Figure {
  id: string;
  text: string;
  value: string; // "125,000,000 USD", "3,000,000–4,600,000 USD"
  amount: number | null;
  min: number | null;
  max: number | null;
  unit: string | null;
  measures: string | null;
  when: string | null;
  by: string | null;
  source: string;
  paragraph: number;
  paragraphs: number[];
}

export interface Card {
  id: string;
  type: string;
  name: string;
  aliases: string[];
  zh: string[]; // its names in Chinese characters: the source's aliases, then the editor's names
  description: string | null;
  makers: Named[]; // of a product
  products: Named[]; // an organisation makes
  people: { name: string; role: string | null }[];
  segments: string[]; // the segments the KB places it in
  quotes: Quote[];
  figures: Figure[];
}

export interface SourceInfo {
  id: string;
  title: string;
  publisher: string;
  published: string;
  url: string | null; // http(s) only
}

export interface LandscapeData {
  groups: Group[];
  cards: Record<string, Card>;
  sources: Record<string, SourceInfo>;
  counts: { segments: number; cards: number; entities: number; quotes: number; figures: number };
}

export const isCardType = (type: string) => type === 'product' || ORG_TYPES.includes(type);
const byName = (a: Named, b: Named) =>
  a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id);

const DESCRIPTION: Record<string, string> = {
  [PLATFORMS]:
    'The big companies the article names together, and what the knowledge base says they make or own. A company is also shown under the segments its products are listed in.',
  [OTHER]: 'Organisations and products in no segment, and in no group above.',
};

export function landscapeData(kb: Kb): LandscapeData {
  const entities = kb.entities.filter((e) => isCardType(e.type));
  const segmentIds = new Set(kb.entities.filter((e) => e.type === 'segment').map((s) => s.id));
  const named = (id: string): Named => ({ id, name: kb.entity(id)?.name ?? id });
  const groups: Group[] = [];
  for (const [id, placed] of placements(kb, (e) => isCardType(e.type))) {
    const s = kb.entity(id);
    const kind = id === PLATFORMS ? 'platforms' : id === OTHER ? 'other' : 'segment';
    const sorted = [...placed.keys()].map((m) => kb.entity(m)!).sort(byName);
    const via: Record<string, Named[]> = {};
    for (const [m, through] of placed)
      if (through.size)
        via[m] = [...through]
          .map(([t, editor]) => ({ ...named(t), ...(editor ? { byEditor: true as const } : {}) }))
          .sort(byName);
    groups.push({
      id,
      name: kind === 'segment' ? s!.name : kind === 'platforms' ? 'Platforms' : 'Other',
      description: kind === 'segment' ? (s!.description ?? null) : DESCRIPTION[id],
      kind,
      cites: kind === 'platforms' ? rosters(kb).map((c) => quoteOf(kb, c)) : [],
      organisations: sorted.filter((e) => e.type !== 'product').map((e) => e.id),
      products: sorted.filter((e) => e.type === 'product').map((e) => e.id),
      via,
    });
  }

  const cards: Record<string, Card> = {};
  for (const e of entities) cards[e.id] = cardOf(kb, e, segmentIds);
  const cited = [
    ...Object.values(cards).flatMap((c) => [...c.quotes, ...c.figures]),
    ...groups.flatMap((g) => g.cites),
  ];
  const used = new Set(cited.map((q) => q.source));
  const sources: Record<string, SourceInfo> = {};
  for (const s of kb.sources) {
    if (used.has(s.id))
      sources[s.id] = {
        id: s.id,
        title: s.title,
        publisher: s.publisher,
        published: s.published,
        url: s.url && WEB.test(s.url) ? s.url : null,
      };
  }
  const claims = new Map(Object.values(cards).flatMap((c) => [...c.quotes, ...c.figures].map((q) => [q.id, q])));
  return {
    groups,
    cards,
    sources,
    counts: {
      segments: segmentIds.size,
      cards: groups.reduce((n, g) => n + g.organisations.length + g.products.length, 0),
      entities: entities.length,
      quotes: [...claims.values()].filter((q) => !('value' in q)).length,
      figures: [...claims.values()].filter((q) => 'value' in q).length,
    },
  };
}

// The one-line summary `aigc landscape` prints: "Platforms, 7 segments and Other, 84 cards of 71
// organisations and products".
export function landscapeSummary(d: LandscapeData): string {
  const c = d.counts;
  const has = (kind: Group['kind']) => d.groups.some((g) => g.kind === kind);
  const parts = [has('platforms') && 'Platforms', counted(c.segments, 'segment'), has('other') && 'Other'].filter(
    (p): p is string => Boolean(p),
  );
  const groups = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  return `${groups}, ${counted(c.cards, 'card')} of ${counted(c.entities, 'organisation or product', 'organisations and products')}`;
}

function cardOf(kb: Kb, e: Entity, segmentIds: Set<string>): Card {
  const rels = kb.relations(e.id);
  const named = (kind: string) =>
    rels
      .filter((r) => r.kind === kind)
      .map((r) => ({
        id: r.other.id,
        name: r.other.name,
        ...(r.basis === 'editor' ? { byEditor: true as const } : {}),
      }));
  // The claims about it, and those it made itself (an analyst firm's forecast), once each: a
  // claim the source says again is shown once, citing each paragraph, as `claims` lists it.
  const claims = [...new Set([...kb.claimsAbout(e.id), ...kb.claimsBy(e.id)])]
    .filter((c) => c.repeats === undefined)
    .sort((a, b) => a.source.localeCompare(b.source) || a.paragraph - b.paragraph);
  return {
    id: e.id,
    type: e.type,
    name: e.name,
    aliases: e.aliases,
    zh: [...e.aliases, ...(e.editor?.names ?? [])].filter((a) => HAN.test(a)),
    description: e.description ?? null,
    makers: named('maker'),
    products: named('makes'),
    people: rels.filter((r) => r.kind === 'employs').map((r) => ({ name: r.other.name, role: r.role ?? null })),
    segments: memberships(e)
      .map((m) => m.id)
      .filter((s) => segmentIds.has(s)),
    quotes: claims.filter((c) => c.kind === 'quote').map((c) => quoteOf(kb, c)),
    figures: claims.filter((c) => c.kind === 'figure').map((c) => figureOf(kb, c)),
  };
}

function speaker(kb: Kb, c: Claim) {
  const who = c.by ? kb.entity(c.by) : undefined;
  if (!who) return { by: c.by, role: null };
  // Every post its role claims give, in the sources' order: the card shows the person, not one
  // moment. Two roles at one place are one post with two roles; a role at no organisation
  // ("AI painter") stands alone.
  const jobs = new Map<string, { at: string | null; roles: string[] }>();
  for (const r of kb.rolesOf(who.id)) {
    if (r.repeats !== undefined) continue; // said again: the same post
    const at = r.org ? (kb.entity(r.org)?.name ?? r.org) : null;
    const job = jobs.get(r.org ?? '') ?? { at, roles: [] };
    if (!job.roles.includes(r.role)) job.roles.push(r.role);
    jobs.set(r.org ?? '', job);
  }
  const posts = [...jobs.values()].map((j) => [j.roles.join(' and '), j.at].filter(Boolean).join(', '));
  return { by: who.name, role: posts.length ? posts.join('; ') : null };
}

function quoteOf(kb: Kb, c: Claim): Quote {
  return { id: c.id, text: c.text ?? '', ...speaker(kb, c), source: c.source, ...cited(kb, c) };
}

// The claim's paragraph, and those of its repeats in the same source (the card cites one title).
function cited(kb: Kb, c: Claim) {
  return {
    paragraph: c.paragraph,
    paragraphs: paragraphsOf(
      c,
      kb.repeatsOf(c.id).filter((r) => r.source === c.source),
    ),
  };
}

function figureOf(kb: Kb, c: Claim): Figure {
  const v = c.value;
  return {
    id: c.id,
    text: c.text ?? '',
    value: cell(v),
    amount: v?.amount ?? null,
    min: v?.min ?? null,
    max: v?.max ?? null,
    unit: v?.unit ?? null,
    measures: c.measures ?? null,
    when: c.when ? cell(c.when) : null,
    by: speaker(kb, c).by,
    source: c.source,
    ...cited(kb, c),
  };
}
