// How each entity type and edge kind looks, shared by the DOT and Mermaid renderers so that
// both pictures read alike.
import type { EdgeKind, GraphEdge } from './build.js';
import { terminalText } from '../text/terminal.js';

export interface NodeStyle {
  fill: string;
  stroke: string;
  shape: string; // Graphviz's shape name
}

export const NODE_STYLES: Record<string, NodeStyle> = {
  person: { fill: '#fde2e4', stroke: '#c9184a', shape: 'ellipse' },
  company: { fill: '#dbeafe', stroke: '#1d4ed8', shape: 'box' },
  investor: { fill: '#fef3c7', stroke: '#b45309', shape: 'house' },
  organisation: { fill: '#e5e7eb', stroke: '#4b5563', shape: 'box' },
  product: { fill: '#dcfce7', stroke: '#15803d', shape: 'box' },
  segment: { fill: '#ede9fe', stroke: '#6d28d9', shape: 'hexagon' },
};
export const NODE_TYPES = Object.keys(NODE_STYLES);
// A type this renderer does not know still gets drawn.
export const nodeStyle = (type: string): NodeStyle => NODE_STYLES[type] ?? NODE_STYLES.organisation;

export interface EdgeStyle {
  label: string;
  color: string;
  dashed?: boolean; // spoken, not a fact of structure
  thin?: boolean; // many and obvious: kept in the background
  undirected?: boolean;
}

export const EDGE_STYLES: Record<EdgeKind, EdgeStyle> = {
  works_at: { label: 'works at', color: '#c9184a' },
  makes: { label: 'makes', color: '#15803d' },
  part_of: { label: 'part of', color: '#4b5563' },
  invests_in: { label: 'invests in', color: '#b45309' },
  based_on: { label: 'based on', color: '#0f766e' },
  related_to: { label: 'related to', color: '#6b7280', undirected: true },
  in_segment: { label: 'in segment', color: '#b9a6f5', thin: true },
  spoke_about: { label: 'spoke about', color: '#2563eb', dashed: true },
};

// What an edge says on the picture: a role for works_at, a count of quotes; an edge into a
// segment says nothing, as its hexagon does. Beside a legend, a lone quote's dashes say enough.
export function edgeLabel(e: GraphEdge, legend: boolean): string {
  if (e.kind === 'works_at') return e.role ?? EDGE_STYLES.works_at.label;
  if (e.kind === 'spoke_about') return e.weight > 1 ? `${e.weight} quotes` : legend ? '' : '1 quote';
  if (e.kind === 'in_segment') return '';
  return EDGE_STYLES[e.kind].label;
}

// A label as a picture can show it: a control character or a bidirectional control escaped as
// the terminal shows it (\0, \e, \u202e: src/text/terminal.ts), a tab a space, each line break
// one \n, which each renderer writes its own way. A NUL would end Graphviz's input and lose the
// graph; other controls would make its SVG, which is XML, invalid.
export const labelText = (s: string): string => terminalText(s.replace(/\r\n?/g, '\n'), 'prose');
