// The graph as a Mermaid flowchart, which GitHub draws from a ```mermaid block.
import type { Graph, GraphEdge, GraphNode } from './build.js';
import { EDGE_STYLES, edgeLabel, labelText, nodeStyle } from './style.js';

// A Mermaid quoted label. Mermaid reads `#name;` and `#123;` as entities, so `#` is escaped first,
// then the characters that would end the label or be read as HTML or Markdown; a label is one
// line. Every `%` is an entity too: Mermaid reads a `%%{...}%%` directive (which restyles the
// whole diagram) wherever it stands, even inside a label, and `%%` at a line's start as a
// comment. Controls are made visible (labelText).
export function mermaidString(s: string): string {
  const escaped = labelText(s)
    .replace(/#/g, '#35;')
    .replace(/%/g, '#37;')
    .replace(/"/g, '#quot;')
    .replace(/&/g, '#amp;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ');
  return `"${escaped}"`;
}

// A slug made a Mermaid id: the prefix keeps a word such as `end` from being read as a keyword;
// `-` becomes `_` and `.` becomes `__`, which stays one-to-one as a slug never has two
// separators in a row.
export const mermaidId = (id: string) => `n_${id.replace(/\./g, '__').replace(/-/g, '_')}`;

const SHAPES: Record<string, [string, string]> = {
  person: ['([', '])'],
  product: ['(', ')'],
  segment: ['{{', '}}'],
  investor: ['[/', '\\]'],
};

export interface MermaidOptions {
  focus?: string;
}

export function toMermaid(g: Graph, o: MermaidOptions = {}): string {
  const lines = ['flowchart LR', ...g.nodes.map((n) => `  ${node(n)}`), ...g.edges.map((e) => `  ${edge(e)}`)];
  for (const t of [...new Set(g.nodes.map((n) => n.type))].sort()) {
    const s = nodeStyle(t);
    lines.push(`  classDef ${t} fill:${s.fill},stroke:${s.stroke},color:#111`);
  }
  if (o.focus && g.nodes.some((n) => n.id === o.focus)) lines.push(`  style ${mermaidId(o.focus)} stroke-width:3px`);
  // Edges are styled by their position in the file, so each kind lists its edges' numbers.
  for (const [kind, s] of Object.entries(EDGE_STYLES)) {
    const at = g.edges.flatMap((e, i) => (e.kind === kind ? [i] : []));
    if (at.length) lines.push(`  linkStyle ${at.join(',')} stroke:${s.color},color:${s.color}`);
  }
  return `${lines.join('\n')}\n`;
}

function node(n: GraphNode): string {
  const [open, close] = SHAPES[n.type] ?? ['[', ']'];
  return `${mermaidId(n.id)}${open}${mermaidString(n.name)}${close}:::${n.type}`;
}

function edge(e: GraphEdge): string {
  const s = EDGE_STYLES[e.kind];
  const arrow = s.undirected ? '---' : s.dashed ? '-.->' : '-->';
  const label = edgeLabel(e, false);
  return `${mermaidId(e.from)} ${arrow}${label ? `|${mermaidString(label)}|` : ''} ${mermaidId(e.to)}`;
}
