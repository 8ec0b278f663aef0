// The graph in Graphviz's DOT language, laid out and styled so that a plain `dot -Tsvg` draws
// it legibly: the layout engine is named inside the file.
import type { Graph, GraphEdge, GraphNode } from './build.js';
import { EDGE_STYLES, edgeLabel, labelText, NODE_TYPES, nodeStyle } from './style.js';

// A DOT quoted string. Only `"` needs escaping to the parser, but a backslash would start one of
// Graphviz's label escapes (\N, \l...) and an `&` an HTML entity (Graphviz decodes those in
// plain labels too), so both are escaped to stand for themselves; a line break becomes \n.
// Controls are made visible first (labelText).
export function dotString(s: string): string {
  return `"${labelText(s)
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/&/g, '&amp;')
    .replace(/\r\n|\r|\n/g, '\\n')}"`;
}

// An id is a slug, but quoted all the same: the parser needs only its quotes escaped.
const dotId = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const attrs = (a: Record<string, string | number | undefined>) =>
  `[${Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v : dotString(v!)}`)
    .join(', ')}]`;

export interface DotOptions {
  focus?: string; // the node an --about graph is drawn around
}

export function toDot(g: Graph, o: DotOptions = {}): string {
  const lines = [
    'digraph aigc {',
    // fdp, a spring layout, draws the whole KB (~100 nodes) most legibly: `dot` puts every node
    // without a relation in one rank, a column thousands of points long. pack lays each
    // connected part out alone, so those nodes line up at the side instead of crowding it.
    '  graph [layout=fdp, overlap=prism, pack=true, packmode="graph", sep="+14", splines=true, outputorder=edgesfirst, fontname="Helvetica", bgcolor="white", pad=0.3];',
    '  node [style="filled,rounded", fontname="Helvetica", fontsize=11, penwidth=1.2, margin="0.12,0.05"];',
    '  edge [fontname="Helvetica", fontsize=9, arrowsize=0.6, penwidth=1.1];',
    ...g.nodes.map((n) => `  ${dotId(n.id)} ${nodeAttrs(n, n.id === o.focus)};`),
    ...g.edges.map((e) => `  ${dotId(e.from)} -> ${dotId(e.to)} ${edgeAttrs(e)};`),
    ...legend(g),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

function nodeAttrs(n: GraphNode, focus: boolean): string {
  const s = nodeStyle(n.type);
  return attrs({
    label: n.name,
    shape: s.shape,
    fillcolor: s.fill,
    color: s.stroke,
    penwidth: focus ? 3 : undefined,
    tooltip: `${n.name} (${n.type}, ${n.id})`,
  });
}

function edgeAttrs(e: GraphEdge): string {
  const s = EDGE_STYLES[e.kind];
  return attrs({
    label: edgeLabel(e, true),
    color: s.color,
    fontcolor: s.color,
    style: s.dashed ? 'dashed' : undefined,
    dir: s.undirected ? 'none' : undefined,
    // More quotes, a heavier line: 1 quote 1.1pt, 6 quotes about 3pt.
    penwidth: s.thin
      ? 0.8
      : e.kind === 'spoke_about' && e.weight > 1
        ? Math.round((1.1 + Math.log2(e.weight) * 0.75) * 10) / 10
        : undefined,
    tooltip: `${e.from} ${s.label} ${e.to}${e.weight > 1 ? ` (${e.weight})` : ''}`,
  });
}

// A key to the colours: one HTML-like table naming the types and edge kinds that are drawn. Its
// id cannot clash with an entity's, as a slug has no underscore.
function legend(g: Graph): string[] {
  const types = NODE_TYPES.filter((t) => g.nodes.some((n) => n.type === t));
  const kinds = Object.entries(EDGE_STYLES).filter(([k]) => g.edges.some((e) => e.kind === k));
  if (!types.length) return [];
  const row = (cells: string) => `<tr>${cells}</tr>`;
  const rows = [
    ...types.map((t) => row(`<td bgcolor="${nodeStyle(t).fill}" border="1" color="${nodeStyle(t).stroke}">${t}</td>`)),
    ...kinds.map(([, s]) =>
      row(`<td><font color="${s.color}">${s.dashed ? '- - ▶' : s.undirected ? '———' : '——▶'} ${s.label}</font></td>`),
    ),
  ];
  return [
    `  "_legend" [shape=plaintext, style="", label=<<table border="0" cellspacing="3" cellpadding="3">${rows.join('')}</table>>];`,
  ];
}
