// The graph of a hostile KB: Mermaid directives (`%%{init: ...}%%`, a name made only of one),
// `%%` comments, quotes, backslashes, braces, and controls from NUL up. Graphviz must still
// draw every node and edge, each label saying what the KB holds; the Mermaid text must keep no
// directive or comment and define each node on one line of its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../src/graph/build.js';
import { toDot } from '../src/graph/dot.js';
import { toMermaid } from '../src/graph/mermaid.js';
import { cli, json } from './helpers.js';

const DIRECTIVE = '%%{init: {"theme": "dark", "themeVariables": {"primaryColor": "#ff0000"}}}%%';
const NAMES: Record<string, string> = {
  'only-directive': DIRECTIVE,
  'in-name': `Acme ${DIRECTIVE.replace('dark', 'forest')} Corp`,
  comment: '%% a comment',
  braces: 'Braces {x} [y] (z) |w| ; end',
  quotes: 'Say "hi" \\ back \\N \\l & <b>',
  half: '%%{init: {"theme":',
};
const ROLE = `CEO %%{init: {"flowchart": {"curve": "step"}}}%%`;

const kbDir = mkdtempSync(join(tmpdir(), 'aigc-graph-hostile-'));
writeFileSync(
  join(kbDir, 'kb.yaml'),
  JSON.stringify({
    sources: [
      {
        id: 's',
        kind: 'article',
        title: 'T',
        publisher: 'P',
        published: 2023,
        language: 'en',
        paragraphs: 'blank-line-blocks',
      },
    ],
    entities: [
      { id: 'seg', type: 'segment', name: '%%{init: {}}%% segment' },
      ...Object.entries(NAMES).map(([id, name]) => ({ id, type: 'company', name, segments: ['seg'] })),
      { id: 'person', type: 'person', name: '%% person' },
      { id: 'thing', type: 'product', name: '"}%%', relations: [{ kind: 'maker', to: 'braces', editor: true }] },
    ],
    claims: [
      { id: 'q', kind: 'quote', by: 'person', about: ['quotes', 'half'], text: 'Q.', source: 's', paragraph: 1 },
      // Who works where is a role claim (format 2): the graph's works_at edges come from these.
      { id: 'r1', kind: 'role', about: ['person'], role: ROLE, org: 'only-directive', source: 's', paragraph: 1 },
      { id: 'r2', kind: 'role', about: ['person'], role: '%% staff', org: 'in-name', source: 's', paragraph: 1 },
    ],
  }),
);

const unxml = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

// What Graphviz drew: each node's id (its <title>) with the text of its label, and each edge's
// `from->to`.
function drawn(dot: string) {
  const r = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
  expect(r.error, 'Graphviz `dot` must be on PATH').toBeUndefined();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const parts = (cls: string) => r.stdout.split(`class="${cls}"`).slice(1);
  const title = (part: string) => unxml(/<title>(.*?)<\/title>/.exec(part)![1]);
  const label = (part: string) => [...part.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) => unxml(m[1])).join('\n');
  return {
    svg: r.stdout,
    nodes: new Map(parts('node').map((p) => [title(p), label(p)])),
    edges: parts('edge').map((p) => [title(p), label(p)]),
  };
}

// The Mermaid text read back: the node lines (id and decoded label) and edge lines.
function mermaidLines(text: string) {
  const decode = (s: string) =>
    s
      .replace(/#quot;/g, '"')
      .replace(/#amp;/g, '&')
      .replace(/#lt;/g, '<')
      .replace(/#gt;/g, '>')
      .replace(/#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)));
  const nodes: [string, string][] = [];
  const edges: string[][] = [];
  for (const line of text.trimEnd().split('\n').slice(1)) {
    let m: RegExpExecArray | null;
    if ((m = /^ {2}(n_\w+)(?:\(\[|\(|\{\{|\[\/|\[)"([^"]*)"(?:\]\)|\)|\}\}|\\\]|\]):::\w+$/.exec(line)))
      nodes.push([m[1], decode(m[2])]);
    else if ((m = /^ {2}(n_\w+) (?:-->|-\.->|---)(?:\|"([^"]*)"\|)? (n_\w+)$/.exec(line)))
      edges.push([m[1], m[3], decode(m[2] ?? '')]);
    else expect(line).toMatch(/^ {2}(classDef|linkStyle|style) /);
  }
  return { nodes, edges };
}

const hasDot = spawnSync('dot', ['-V']).status === 0;
const itDot = hasDot || process.env.CI ? it : it.skip;

describe('aigc graph of a KB of Mermaid directives, quotes and braces', async () => {
  const g = json<Graph>(await cli(['--kb', kbDir, 'graph', '--format', 'json']));
  const names = new Map(g.nodes.map((n) => [n.id, n.name]));

  it('the graph holds every entity and relation (the KB loads as written)', () => {
    expect(g.nodes).toHaveLength(Object.keys(NAMES).length + 3);
    expect(names.get('only-directive')).toBe(DIRECTIVE);
    expect(g.edges.length).toBeGreaterThanOrEqual(10);
  });

  itDot('DOT: Graphviz draws every node with its name and every edge', async () => {
    const r = await cli(['--kb', kbDir, 'graph']);
    expect(r.code).toBe(0);
    const d = drawn(r.stdout);
    for (const n of g.nodes) expect(d.nodes.get(n.id), n.id).toBe(n.name);
    expect(d.edges.map(([t]) => t).sort()).toEqual(g.edges.map((e) => `${e.from}->${e.to}`).sort());
    expect(d.edges.find(([t]) => t === 'person->only-directive')![1]).toBe(ROLE);
  });

  it('Mermaid: no directive and no comment survive; one line per node, its name intact', async () => {
    const r = await cli(['--kb', kbDir, 'graph', '--format', 'mermaid']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('%%');
    expect(r.stdout).not.toMatch(/%\s*%/);
    const m = mermaidLines(r.stdout);
    expect(m.nodes.map(([, name]) => name).sort()).toEqual([...names.values()].sort());
    expect(new Set(m.nodes.map(([id]) => id)).size).toBe(g.nodes.length);
    expect(m.edges).toHaveLength(g.edges.length);
    expect(m.edges.map(([, , label]) => label)).toContain(ROLE);
  });
});

// Controls reach the renderers directly here: the loader may refuse them, and the escaping must
// not depend on that.
describe('labels with controls: NUL, ESC, C1, a bidi override, a tab', () => {
  const graph: Graph = {
    nodes: [
      { id: 'nul', name: 'before\0after', type: 'company' },
      { id: 'esc', name: 'red \x1b[31m text \x9b2J', type: 'person' },
      { id: 'bidi', name: 'abc \u202edcba', type: 'product' },
      { id: 'tab', name: 'a\tb\nc', type: 'segment' },
    ],
    edges: [
      { from: 'esc', to: 'nul', kind: 'works_at', role: 'chief\0officer', weight: 1 },
      { from: 'nul', to: 'bidi', kind: 'makes', role: null, weight: 1 },
      { from: 'bidi', to: 'tab', kind: 'in_segment', role: null, weight: 1 },
    ],
  };
  // As the terminal shows them (src/text/terminal.ts).
  const SHOWN: Record<string, string> = {
    nul: 'before\\0after',
    esc: 'red \\e[31m text \\x9b2J',
    bidi: 'abc \\u202edcba',
  };

  itDot('DOT: Graphviz draws every node and edge, each control shown as its escape', () => {
    const dot = toDot(graph);
    expect(dot).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
    const d = drawn(dot);
    for (const [id, shown] of Object.entries(SHOWN)) expect(d.nodes.get(id), id).toBe(shown);
    expect(d.nodes.get('tab')).toBe('a b\nc');
    expect(d.edges.map(([t]) => t).sort()).toEqual(['bidi->tab', 'esc->nul', 'nul->bidi']);
    expect(d.edges.find(([t]) => t === 'esc->nul')![1]).toBe('chief\\0officer');
    // The SVG is XML, which holds no control but tab and the line breaks.
    expect(d.svg).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f]/);
  });

  it('Mermaid: every node on a line of its own, each control shown as its escape', () => {
    const text = toMermaid(graph);
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
    const m = mermaidLines(text);
    expect(Object.fromEntries(m.nodes)).toEqual({
      n_nul: SHOWN.nul,
      n_esc: SHOWN.esc,
      n_bidi: SHOWN.bidi,
      n_tab: 'a b c',
    });
    expect(m.edges).toHaveLength(3);
  });
});
