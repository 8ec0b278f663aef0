// The short text beside each tool's structured content, for a client that shows text only: one
// line a row, each claim with its citation (source and paragraph, a quote's verbatim words and
// speaker), and the sources' titles once at the end. A row is recognised by its fields, so a
// new command's rows read sensibly too.
import { cell } from '../output/cell.js';
import type { CardResult, ListResult } from './results.js';

// biome-ignore lint/suspicious/noExplicitAny: rows of every command's shape, read by their fields
type Row = Record<string, any>;

const CUT = 160;
const cut = (s: string, n = CUT) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export const isClaim = (r: Row): boolean =>
  typeof r.paragraph === 'number' && typeof r.text === 'string' && typeof r.source?.id === 'string';

// `Li Di: “the words” — shulou-aigc-2023 ¶11 [q-li-di-...]`, a figure's value and measure and a
// date in brackets after the words: what was said, by whom, where. The speaker, the value and
// the date read as the CLI's cells read them (src/output/cell.ts), marks and all, so the text
// says what a table says. A timeline row has its date on the row itself.
export function claimLine(r: Row): string {
  const by = r.by ? `${cell(r.by)}: ` : '';
  const text = r.kind === 'quote' ? `“${r.text}”` : r.text;
  const when = r.when ?? (typeof r.date === 'string' ? r : null);
  const facts = [r.value && [cell(r.value), r.measures].filter(Boolean).join(', '), when && cell(when)].filter(Boolean);
  const said = facts.length ? ` [${facts.join('; ')}]` : '';
  // With `context`, the paragraph it cites, from the attached text, under it.
  const context = typeof r.context === 'string' ? `\n    ¶${r.paragraph}: ${r.context}` : '';
  return `${by}${text}${said} — ${r.source.id} ¶${r.paragraph} [${r.id}]${context}`;
}

function rowLine(r: Row, cited: Map<string, Row>): string {
  if (isClaim(r)) return claimLine(r);
  // A row that groups claims (claims in tension, say): what groups them, then each claim cited.
  if (Array.isArray(r.claims) && r.claims.length && r.claims.every(isClaim)) {
    const what = Object.entries(r)
      .filter(([k, v]) => k !== 'claims' && v !== null && (typeof v !== 'object' || Array.isArray(v)))
      .map(([k, v]) => `${k}: ${cut(cell(v))}`);
    return [what.join('; '), ...r.claims.map((c: Row) => `    ${claimLine(c)}`)].join('\n');
  }
  if (typeof r.score === 'number' && typeof r.field === 'string') {
    const claim = cited.get(r.id);
    const hit = `${r.type} ${r.id}: ${cut(r.name)} (score ${r.score.toFixed(2)}, ${r.field})`;
    return claim ? `${hit}\n    ${claimLine(claim)}` : hit;
  }
  if (typeof r.members === 'number')
    return `${r.name} (${r.id}): ${r.members} members, ${r.orgs} organisations, ${r.prods} products`;
  if (typeof r.title === 'string' && typeof r.publisher === 'string')
    return `${r.title} (${r.id}; ${r.publisher}, ${r.published}): ${r.claims} claims`;
  if (typeof r.name === 'string' && typeof r.type === 'string') {
    const segments = r.segments?.length ? ` [${r.segments.map((s: Row) => s.name).join(', ')}]` : '';
    return `${r.name} (${r.id}, ${r.type})${segments}${r.description ? `: ${cut(r.description)}` : ''}`;
  }
  if (typeof r.source === 'string' && Object.values(r).some((v) => typeof v === 'number'))
    return `${r.source}: ${Object.entries(r)
      .filter(([, v]) => typeof v === 'number')
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`;
  return JSON.stringify(r);
}

// Every source a result cites, by id, with its title: the citation in full, said once.
function sourcesOf(value: unknown, found = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) for (const v of value) sourcesOf(v, found);
  else if (value && typeof value === 'object') {
    const r = value as Row;
    if (isClaim(r)) found.set(r.source.id, r.source.name);
    for (const v of Object.values(r)) if (v && typeof v === 'object') sourcesOf(v, found);
  }
  return found;
}

const sourcesLine = (value: unknown) => {
  const s = sourcesOf(value);
  return s.size ? [`Sources: ${[...s].map(([id, title]) => `${id} = “${title}”`).join('; ')}`] : [];
};

export function listText(tool: string, r: ListResult): string {
  const first = r.rows.length ? r.offset + 1 : r.offset;
  const head = r.truncated
    ? `${tool}: rows ${first}–${r.offset + r.rows.length} of ${r.total}; more with offset ${r.offset + r.rows.length}`
    : `${tool}: ${r.total} ${r.total === 1 ? 'row' : 'rows'}${r.offset ? `, from offset ${r.offset}` : ''}`;
  const cited = new Map((r.cited ?? []).map((c) => [c.id, c as Row]));
  const facets = Object.entries(r.facets ?? {}).map(
    ([name, counts]) => `${name}: ${counts.map((c) => `${c.name} ${c.count}`).join(', ')}`,
  );
  return [
    head,
    ...r.rows.map((row) => `- ${rowLine(row as Row, cited)}`),
    ...facets,
    ...(r.notes ?? []),
    ...sourcesLine([r.rows, r.cited ?? []]),
  ].join('\n');
}

const SECTIONS: [string, string][] = [
  ['quotes', 'Quotes'],
  ['said', 'Other claims they made'],
  ['claims', 'Claims about it'],
];

export function cardText(r: CardResult): string {
  const c = r.result as Row;
  // An entity's card starts with its name and what it is, whole; a claim or a source is one line.
  if (!(typeof c.name === 'string' && Array.isArray(c.aliases)))
    return [rowLine(c, new Map()), ...sourcesLine(c)].join('\n');
  const lines: string[] = [rowLine({ ...c, description: null }, new Map())];
  if (c.description) lines.push(c.description);
  if (c.aliases.length) lines.push(`aliases: ${c.aliases.join(', ')}`);
  for (const role of c.roles ?? [])
    lines.push(
      'org' in role
        ? `${role.role ?? 'works'} at ${role.org.name}`
        : `${role.person.name}: ${role.role ?? 'works there'}`,
    );
  for (const [key, title] of SECTIONS)
    if (c[key]?.length)
      lines.push(`${title} (${r.totals[key] ?? c[key].length}):`, ...c[key].map((x: Row) => `- ${claimLine(x)}`));
  if (c.members?.length) lines.push(`Members: ${c.members.map((m: Row) => m.name).join(', ')}`);
  for (const o of c.organisation_claims ?? [])
    if (o.claims.length)
      lines.push(`Claims about ${o.organisation.name}:`, ...o.claims.map((x: Row) => `- ${claimLine(x)}`));
  if (r.truncated)
    lines.push(
      `(cut at limit: ${Object.entries(r.totals)
        .map(([k, n]) => `${k} has ${n}`)
        .join(', ')})`,
    );
  return [...lines, ...sourcesLine(c)].join('\n');
}
