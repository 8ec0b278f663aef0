// The KB as a graph: every entity a node; an edge for each relation, each segment membership,
// and each speaker-subject pair of quotes. Nodes and edges are sorted, so a rendered file
// diffs cleanly when the KB changes.
import type { GraphJson } from '../output/shapes.js';
import type { Kb } from '../query/kb.js';
import { compareText } from '../text/words.js';

// `makes` runs from the maker to the product (the inverse of the stored `maker`), so that every
// edge reads the way the landscape is described: people to organisations, makers to products,
// investors to companies, members to segments, speakers to what they spoke about.
export const EDGE_KINDS = [
  'works_at',
  'makes',
  'part_of',
  'invests_in',
  'based_on',
  'related_to',
  'in_segment',
  'spoke_about',
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

// The graph's shape is the JSON of `aigc graph --format json` (src/output/shapes.ts): nodes by
// id, name and type; edges from, to, kind, role (works_at: the roles, joined) and weight
// (spoke_about: how many quotes; otherwise 1).
export type Graph = GraphJson;
export type GraphNode = Graph['nodes'][number];
export type GraphEdge = Graph['edges'][number];

export function buildGraph(kb: Kb): Graph {
  const nodes = kb.entities.map((e) => ({ id: e.id, name: e.name, type: e.type }));
  const known = new Set(nodes.map((n) => n.id));
  const edges = new Map<string, GraphEdge>();
  // One edge per (from, kind, to): a second quote adds weight, a second role joins the first.
  const add = (from: string, to: string, kind: EdgeKind, role?: string) => {
    if (from === to || !known.has(from) || !known.has(to)) return;
    const key = `${from}\0${kind}\0${to}`;
    const e = edges.get(key);
    if (!e) edges.set(key, { from, to, kind, role: role ?? null, weight: 1 });
    else if (kind === 'spoke_about') e.weight++;
    else if (role && !e.role?.split(', ').includes(role)) e.role = e.role ? `${e.role}, ${role}` : role;
  };
  for (const e of kb.entities) {
    for (const r of e.relations) {
      if (r.kind === 'maker') add(r.to, e.id, 'makes');
      else add(e.id, r.to, r.kind);
    }
    for (const s of e.segments) add(e.id, s.id, 'in_segment');
  }
  // Who works where: the role claims that name an organisation, each role once (a repeat is not
  // another role).
  for (const c of kb.roleClaims()) if (c.org && c.repeats === undefined) add(c.about[0], c.org, 'works_at', c.role);
  // A speaker's own name among a quote's subjects is no edge: it would be a loop. A quote said
  // again (`repeats`) is the same quote: it weighs once.
  const counted = new Set<string>();
  for (const c of kb.claims) {
    if (c.kind !== 'quote' || !c.by) continue;
    for (const a of new Set(c.about)) {
      const key = `${kb.firstTelling(c.id)}\0${a}`;
      if (counted.has(key)) continue;
      counted.add(key);
      add(c.by, a, 'spoke_about');
    }
  }
  return sorted({ nodes, edges: [...edges.values()] });
}

// The part of the graph within `depth` steps of one node, whichever way the edges point, with
// every edge between the nodes kept.
export function around(g: Graph, id: string, depth: number): Graph {
  const next = new Map<string, string[]>();
  const link = (a: string, b: string) => (next.get(a) ?? next.set(a, []).get(a)!).push(b);
  for (const e of g.edges) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  const keep = new Set([id]);
  let frontier = [id];
  for (let step = 0; step < depth && frontier.length; step++) {
    const found: string[] = [];
    for (const n of frontier) {
      for (const m of next.get(n) ?? []) {
        if (keep.has(m)) continue;
        keep.add(m);
        found.push(m);
      }
    }
    frontier = found;
  }
  return {
    nodes: g.nodes.filter((n) => keep.has(n.id)),
    edges: g.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
  };
}

function sorted(g: Graph): Graph {
  return {
    nodes: [...g.nodes].sort((a, b) => compareText(a.id, b.id)),
    edges: [...g.edges].sort(
      (a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.kind, b.kind),
    ),
  };
}
