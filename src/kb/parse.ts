// Two YAML readers. js-yaml reads a valid file several times faster than `yaml`, so it reads
// first; `yaml`, which keeps every node's position, re-reads only the files that hold a
// problem, to say where it is. A file with anchors goes to `yaml` at once, since only it
// bounds alias expansion.
import { CORE_SCHEMA, load } from 'js-yaml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { LIMITS } from './files.js';

export type Path = (string | number)[];
export interface Pos {
  line: number;
  col: number;
}
export interface ParseProblem extends Pos {
  message: string;
}

export type ParseResult = { ok: true; data: unknown } | { ok: false; problems: ParseProblem[] };

const ANCHOR = /(?:^|[\s,[{:-])&[^\s,[\]{}]/m;

export function parseFast(text: string): ParseResult {
  if (ANCHOR.test(text)) return parseLocated(text).result;
  try {
    return checkDepth(load(text, { schema: CORE_SCHEMA, json: false }));
  } catch {
    // Let `yaml` say what is wrong and where; it agrees with js-yaml on what is valid.
    const located = parseLocated(text);
    return located.result;
  }
}

export interface Located {
  doc: Document;
  lc: LineCounter;
  result: ParseResult;
}

export function parseLocated(text: string): Located {
  const lc = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    return { doc: parseDocument(''), lc, result: tooDeep(e) };
  }
  const errors = doc.errors.map((e) => ({ ...lc.linePos(e.pos[0]), message: firstLine(e.message) }));
  if (errors.length) return { doc, lc, result: { ok: false, problems: errors } };
  try {
    return { doc, lc, result: checkDepth(doc.toJS({ maxAliasCount: LIMITS.aliases })) };
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      return { doc, lc, result: { ok: false, problems: [{ line: 1, col: 1, message: `YAML aliases expand past the limit of ${LIMITS.aliases}` }] } };
    }
    return { doc, lc, result: tooDeep(e) };
  }
}

function tooDeep(e: unknown): ParseResult {
  if (e instanceof RangeError) return { ok: false, problems: [{ line: 1, col: 1, message: `nesting deeper than ${LIMITS.depth} levels` }] };
  throw e;
}

function firstLine(m: string): string {
  return m.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

// Records are shallow; deep nesting is a mistake or an attack, and is refused before
// anything recursive walks it.
function checkDepth(data: unknown): ParseResult {
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= LIMITS.depth) return { ok: false, problems: [{ line: 1, col: 1, message: `nesting deeper than ${LIMITS.depth} levels` }] };
    for (const c of Object.values(v)) stack.push([c, d + 1]);
  }
  return { ok: true, data };
}

// The position of the node at `path`, or of the deepest node on the way to it; with `key`,
// the position of that key in the mapping at `path`.
export function locate(loc: Located, path: Path, key?: string): Pos {
  let node: Node | null | undefined = loc.doc.contents as Node | null;
  let at = node?.range?.[0] ?? 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const k = pair.key as Node;
      node = pair.value as Node | null;
      at = node?.range?.[0] ?? k.range?.[0] ?? at;
      if (!node) break;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      node = node.items[seg] as Node;
      at = node.range?.[0] ?? at;
    } else break;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    const k = pair?.key as Node | undefined;
    if (k?.range) at = k.range[0];
  }
  return loc.lc.linePos(at);
}
