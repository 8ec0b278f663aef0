// `aigc graph`: the nodes and edges re-derived from the YAML and from other commands, the
// --about/--depth subsets, escaping on a fixture of awkward names, DOT that Graphviz accepts,
// Mermaid whose every edge joins defined nodes, and the committed picture of the KB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin, cli, json, ROOT } from './helpers.js';

function readKb(dir: string) {
  const all = { entities: [] as any[], claims: [] as any[] };
  for (const d of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!d.isFile() || !/\.ya?ml$/.test(d.name)) continue;
    const doc = parse(readFileSync(join(d.parentPath, d.name), 'utf8')) ?? {};
    all.entities.push(...(doc.entities ?? []));
    all.claims.push(...(doc.claims ?? []));
  }
  return all;
}
const kb = readKb(join(ROOT, 'kb'));

// The edges as the issue words them, from the YAML: a product's maker points at the product.
function edgesFromYaml(k: ReturnType<typeof readKb>): Map<string, number> {
  const out = new Map<string, number>();
  const add = (from: string, kind: string, to: string) =>
    from !== to && out.set(`${from} ${kind} ${to}`, (out.get(`${from} ${kind} ${to}`) ?? 0) + 1);
  for (const e of k.entities) {
    for (const r of e.relations ?? []) r.kind === 'maker' ? add(r.to, 'makes', e.id) : add(e.id, r.kind, r.to);
    for (const s of e.segments ?? []) add(e.id, 'in_segment', typeof s === 'string' ? s : s.id);
  }
  // A quote said again (`repeats`) weighs once: count each first telling once per subject.
  const firstOf = (c: any): any => (c.repeats ? firstOf(k.claims.find((x: any) => x.id === c.repeats)) : c);
  const spoken = new Set<string>();
  for (const c of k.claims) {
    if (c.kind === 'quote' && c.by)
      for (const a of new Set<string>(c.about ?? [])) {
        const told = `${firstOf(c).id} ${a}`;
        if (!spoken.has(told)) add(c.by, 'spoke_about', a);
        spoken.add(told);
      }
    // Who works where: a role claim that names an organisation.
    if (c.kind === 'role' && c.org && !c.repeats && !out.has(`${c.about[0]} works_at ${c.org}`))
      add(c.about[0], 'works_at', c.org);
  }
  return out;
}
const key = (e: any) => `${e.from} ${e.kind} ${e.to}`;

function neighbours(edges: Iterable<string>): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const k of edges) {
    const [a, , b] = k.split(' ');
    (m.get(a) ?? m.set(a, new Set()).get(a)!).add(b);
    (m.get(b) ?? m.set(b, new Set()).get(b)!).add(a);
  }
  return m;
}

const hasDot = spawnSync('dot', ['-V']).status === 0;
// CI installs Graphviz: there, a missing `dot` is a failure rather than a skipped test.
const itDot = hasDot || process.env.CI ? it : it.skip;
const dotSvg = (dot: string) => {
  const r = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
  expect(r.error, 'Graphviz `dot` must be on PATH').toBeUndefined();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
};
const unxml = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
// Each node of an SVG that Graphviz drew: its id (the <title>) and the lines of its label.
const svgNodes = (svg: string) =>
  new Map(
    svg
      .split('class="node"')
      .slice(1)
      .map((part) => [
        unxml(/<title>(.*?)<\/title>/.exec(part)![1]),
        [...part.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) => unxml(m[1])).join('\n'),
      ]),
  );

describe('graph of the shipped KB', () => {
  let g: { nodes: any[]; edges: any[] };
  beforeAll(async () => {
    const r = await cli(['graph', '--format', 'json']);
    expect(r.code).toBe(0);
    g = json(r);
  });

  it('has a node for every entity, sorted by id, with its name and type', () => {
    const want = kb.entities
      .map((e) => ({ id: e.id, name: e.name, type: e.type }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(g.nodes).toEqual(want);
  });

  it('has one edge per relation, segment membership and speaker-subject pair of quotes, in a stable order', () => {
    const want = edgesFromYaml(kb);
    expect(new Map(g.edges.map((e) => [key(e), e.weight]))).toEqual(
      new Map([...want].map(([k, n]) => [k, k.includes(' spoke_about ') ? n : 1])),
    );
    expect(g.edges.length).toBe(want.size);
    const works = new Set(
      kb.claims.filter((c) => c.kind === 'role' && c.org && !c.repeats).map((c) => `${c.about[0]} ${c.org}`),
    );
    expect(works.size).toBeGreaterThan(5);
    expect(g.edges.filter((e) => e.kind === 'works_at')).toHaveLength(works.size);
    const sorted = [...g.edges].sort((a, b) =>
      `${a.from}\0${a.to}\0${a.kind}` < `${b.from}\0${b.to}\0${b.kind}` ? -1 : 1,
    );
    expect(g.edges).toEqual(sorted);
  });

  it('weighs a spoke_about edge by the quotes that `aigc quotes` finds for the pair', async () => {
    const spoke = g.edges.filter((e) => e.kind === 'spoke_about');
    expect(spoke.some((e) => e.weight > 1)).toBe(true);
    // The first few, and every pair with a quote said twice (which weighs once).
    const twice = new Set(kb.claims.filter((c) => c.kind === 'quote' && c.repeats).map((c) => c.by));
    for (const e of [...spoke.slice(0, 8), ...spoke.filter((x) => twice.has(x.from))]) {
      const q = await cli(['quotes', '--speaker', e.from, '--about', e.to, '--json']);
      expect(json(q), key(e)).toHaveLength(e.weight);
    }
  });

  it('links a segment to as many members as `aigc segments` counts, and a person to the roles of `aigc people`', async () => {
    for (const s of json(await cli(['segments', '--json']))) {
      expect(
        g.edges.filter((e) => e.kind === 'in_segment' && e.to === s.id),
        s.id,
      ).toHaveLength(s.members);
    }
    for (const p of json(await cli(['people', '--json']))) {
      const roles = g.edges.filter((e) => e.kind === 'works_at' && e.from === p.id).map((e) => [e.to, e.role]);
      // One edge per organisation, its roles joined in the order people lists them.
      const byOrg = new Map<string, string[]>();
      for (const r of p.roles.filter((r: any) => r.org)) {
        const list = byOrg.get(r.org.id) ?? byOrg.set(r.org.id, []).get(r.org.id)!;
        if (!list.includes(r.role)) list.push(r.role);
      }
      expect(roles.sort()).toEqual([...byOrg].map(([org, rs]) => [org, rs.join(', ')]).sort());
    }
  });

  it('--about E gives E and exactly its neighbours, and every edge among them', async () => {
    const near = neighbours(edgesFromYaml(kb).keys());
    const r = await cli(['graph', '--about', 'xiao bing', '--format', 'json']);
    expect(r.code).toBe(0);
    const sub = json(r);
    const want = new Set(['xiaoice', ...near.get('xiaoice')!]);
    expect(new Set(sub.nodes.map((n: any) => n.id))).toEqual(want);
    expect(sub.edges).toEqual(g.edges.filter((e) => want.has(e.from) && want.has(e.to)));
  });

  it('--depth 2 reaches the neighbours of the neighbours; --depth 0 the entity alone', async () => {
    const near = neighbours(edgesFromYaml(kb).keys());
    const two = new Set(['li-di']);
    for (let i = 0; i < 2; i++) for (const n of [...two]) for (const m of near.get(n) ?? []) two.add(m);
    const r = json(await cli(['graph', '--about', 'li-di', '--depth', '2', '--format', 'json']));
    expect(new Set(r.nodes.map((n: any) => n.id))).toEqual(two);
    expect(two.size).toBeGreaterThan(1 + near.get('li-di')!.size);
    const zero = json(await cli(['graph', '--about', 'li-di', '--depth', '0', '--format', 'json']));
    expect(zero).toEqual({ nodes: g.nodes.filter((n) => n.id === 'li-di'), edges: [] });
  });

  it('an unknown --about, or --depth without --about, is a usage error', async () => {
    const r = await cli(['graph', '--about', 'no-such-thing-at-all']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^aigc: unknown entity "no-such-thing-at-all"/);
    const d = await cli(['graph', '--depth', '2']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/--depth needs --about/);
    expect((await cli(['graph', '--about', 'xiaoice', '--depth', 'two'])).code).toBe(2);
    expect((await cli(['graph', '--format', 'png'])).code).toBe(2);
  });

  itDot('the default DOT renders with `dot -Tsvg`: a node per entity, each labelled with its name', async () => {
    const r = await cli(['graph']);
    expect(r.stdout).toMatch(/^digraph aigc \{\n/);
    const nodes = svgNodes(dotSvg(r.stdout));
    for (const n of g.nodes) expect(nodes.get(n.id), n.id).toBe(n.name);
  });

  it('the committed docs/graph.svg draws every entity of the current KB', () => {
    const nodes = svgNodes(readFileSync(join(ROOT, 'docs', 'graph.svg'), 'utf8'));
    for (const n of g.nodes)
      expect(nodes.get(n.id), `${n.id}: regenerate docs/graph.svg (see docs/development.md)`).toBe(n.name);
    expect(nodes.size).toBe(g.nodes.length + 1); // and the legend
  });

  it('the real binary prints the same DOT as the in-process CLI', async () => {
    const r = bin(['graph', '--about', 'xiaoice', '--format', 'dot']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await cli(['graph', '--about', 'xiaoice'])).stdout);
  });
});

// Names that break a careless renderer: quotes, backslashes (\N is a Graphviz escape), `&`,
// HTML, Mermaid's `#` entities, Chinese, a line break; ids that Mermaid could misread.
const AWKWARD = {
  sources: [
    {
      id: 'src',
      kind: 'article',
      title: 'T',
      publisher: 'P',
      published: 2023,
      language: 'en',
      paragraphs: 'blank-line-blocks',
    },
  ],
  entities: [
    { id: 'say-hi', type: 'company', name: 'Say "hi" \\ back & forth &amp; more' },
    { id: 'r.d', type: 'organisation', name: 'R&D 研究院 <b>#1</b>' },
    { id: 'r-d', type: 'person', name: '张 "Z" #quot; `x`' },
    {
      id: 'end',
      type: 'product',
      name: 'end',
      segments: ['seg'],
      relations: [{ kind: 'maker', to: 'say-hi', editor: true }],
    },
    { id: 'seg', type: 'segment', name: 'Seg \\N \\l' },
    {
      id: 'inv',
      type: 'investor',
      name: 'Line one\nline two',
      relations: [{ kind: 'invests_in', to: 'say-hi', editor: true }],
    },
  ],
  claims: [
    { id: 'q1', kind: 'quote', by: 'r-d', about: ['say-hi', 'r-d'], text: 'One.', source: 'src', paragraph: 1 },
    { id: 'q2', kind: 'quote', by: 'r-d', about: ['say-hi', 'say-hi'], text: 'Two.', source: 'src', paragraph: 2 },
    { id: 'q3', kind: 'quote', by: 'r-d', about: ['end'], text: 'Three.', source: 'src', paragraph: 3 },
    { id: 's1', kind: 'statement', by: 'r-d', about: ['inv'], text: 'Not a quote.', source: 'src', paragraph: 4 },
    { id: 'r1', kind: 'role', about: ['r-d'], role: 'Head "of" R&D', org: 'r.d', source: 'src', paragraph: 5 },
  ],
};

describe('graph of awkward names', () => {
  let KB: string[];
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'aigc-graph-'));
    writeFileSync(join(dir, 'kb.yaml'), JSON.stringify(AWKWARD, null, 2)); // JSON is YAML
    KB = ['--kb', dir];
  });

  it('keeps one edge per speaker and subject, weighed by quotes, never a loop, and no statements', async () => {
    const g = json(await cli([...KB, 'graph', '--format', 'json']));
    const spoke = g.edges.filter((e: any) => e.kind === 'spoke_about').map((e: any) => [e.to, e.weight]);
    expect(spoke).toEqual([
      ['end', 1],
      ['say-hi', 2],
    ]);
    expect(g.edges.map(key).sort()).toEqual([...edgesFromYaml(AWKWARD as any).keys()].sort());
  });

  itDot('DOT: Graphviz draws every name and role exactly as written', async () => {
    const r = await cli([...KB, 'graph']);
    expect(r.code).toBe(0);
    const svg = dotSvg(r.stdout);
    const nodes = svgNodes(svg);
    for (const e of AWKWARD.entities) expect(nodes.get(e.id), e.id).toBe(e.name);
    expect(unxml(svg)).toContain('>Head "of" R&D<');
    expect(unxml(svg)).toContain('>2 quotes<');
  });

  it('Mermaid: every node defined once with its name, every edge between defined nodes, every edge styled', async () => {
    const r = await cli([...KB, 'graph', '--format', 'mermaid']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart LR');
    const decode = (s: string) =>
      s
        .replace(/#quot;/g, '"')
        .replace(/#amp;/g, '&')
        .replace(/#lt;/g, '<')
        .replace(/#gt;/g, '>')
        .replace(/#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)));
    const defined = new Map<string, string>();
    const classes = new Set<string>();
    const ends: string[] = [];
    let edges = 0;
    const styled: number[] = [];
    for (const line of lines.slice(1)) {
      let m: RegExpExecArray | null;
      if ((m = /^ {2}(n_\w+)(?:\(\[|\(|\{\{|\[\/|\[)"([^"]*)"(?:\]\)|\)|\}\}|\\\]|\]):::(\w+)$/.exec(line))) {
        expect(defined.has(m[1]), `${m[1]} defined twice`).toBe(false);
        defined.set(m[1], decode(m[2]));
      } else if ((m = /^ {2}(n_\w+) (?:-->|-\.->|---)(?:\|"[^"]*"\|)? (n_\w+)$/.exec(line))) {
        ends.push(m[1], m[2]);
        edges++;
      } else if ((m = /^ {2}classDef (\w+) /.exec(line))) classes.add(m[1]);
      else if ((m = /^ {2}linkStyle ([\d,]+) /.exec(line))) styled.push(...m[1].split(',').map(Number));
      else expect(line).toMatch(/^ {2}style n_\w+ /);
    }
    expect([...defined.values()].sort()).toEqual(AWKWARD.entities.map((e) => e.name.replace(/\s*\n\s*/g, ' ')).sort());
    expect(new Set(defined.keys()).size).toBe(AWKWARD.entities.length); // r.d and r-d stay apart
    for (const id of ends) expect(defined.has(id), id).toBe(true);
    expect(edges).toBe(edgesFromYaml(AWKWARD as any).size);
    expect(styled.sort((a, b) => a - b)).toEqual([...Array(edges).keys()]);
    for (const t of new Set(AWKWARD.entities.map((e) => e.type))) expect(classes.has(t), t).toBe(true);
    expect(r.stdout).toMatch(/^ {2}n_end\(/m); // a keyword id made safe
  });
});
