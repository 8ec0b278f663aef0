// Two YAML readers. js-yaml reads a valid file several times faster than `yaml`, so it reads
// first; `yaml`, which keeps every node's position, re-reads only the files that hold a
// problem, to say where it is. A file with anchors goes to `yaml` at once, since only it
// bounds alias expansion; so does a file with a carriage return not followed by a line feed,
// which js-yaml takes for a line break and `yaml` for text, so that one reader decides.
import { CORE_SCHEMA, load } from 'js-yaml';
import { isMap, isPair, isScalar, isSeq, Parser, parseDocument, visit, type Document, type Node } from 'yaml';
import { LIMITS } from './files.js';
import { shown } from '../text/suggest.js';

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
const DOC_MARKER = /^(?:---|\.\.\.)(?:\s|$)/m;
const LONE_CR = /\r(?!\n)/;

export function parseFast(text: string): ParseResult {
  let data: unknown;
  try {
    // js-yaml refuses deep nesting before anything recursive can overflow; `yaml` does not.
    data = load(text, { schema: CORE_SCHEMA, json: false, maxDepth: LIMITS.depth } as Parameters<typeof load>[1]);
  } catch (e) {
    const deep =
      /nesting exceeded maxDepth/.test((e as Error).message) && (e as { mark?: { line: number; column: number } }).mark;
    if (deep)
      return {
        ok: false,
        problems: [
          { line: deep.line + 1, col: deep.column + 1, message: `nesting deeper than ${LIMITS.depth} levels` },
        ],
      };
    // Let `yaml` say what is wrong and where; it agrees with js-yaml on what is valid.
    return parseLocated(text).result;
  }
  // js-yaml shares an anchored node among its aliases rather than copying it, so only `yaml`,
  // which counts alias expansions, may turn an anchored file into data; and js-yaml reads
  // past a second document where `yaml` rightly refuses it.
  return ANCHOR.test(text) || DOC_MARKER.test(text) || LONE_CR.test(text)
    ? parseLocated(text).result
    : { ok: true, data };
}

export interface Located {
  doc: Document;
  pos(offset: number): Pos;
  result: ParseResult;
}

export function parseLocated(text: string): Located {
  // Positions come from the file's own line starts: yaml's LineCounter misses line breaks
  // inside a token once its parser is recovering from an error.
  const pos = positions(text);
  let doc: Document;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  } catch (e) {
    return { doc: parseDocument(''), pos, result: tooDeep(e) };
  }
  const errors = [...yamlErrors(doc, text, pos), ...tagProblems(doc, text, pos)];
  if (errors.length) return { doc, pos, result: { ok: false, problems: errors } };
  try {
    return { doc, pos, result: checkDepth(doc.toJS({ maxAliasCount: LIMITS.aliases })) };
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      return {
        doc,
        pos,
        result: {
          ok: false,
          problems: [{ line: 1, col: 1, message: `YAML aliases expand past the limit of ${LIMITS.aliases}` }],
        },
      };
    }
    return { doc, pos, result: tooDeep(e) };
  }
}

// yaml's errors in the project's words, each at the place a reader would look.
function yamlErrors(doc: Document, text: string, pos: (offset: number) => Pos): ParseProblem[] {
  const out: ParseProblem[] = [];
  let deep = false;
  for (const e of doc.errors) {
    let at = e.pos[0];
    let message = firstLine(e.message);
    if (e.code === 'RESOURCE_EXHAUSTION') {
      if (deep) continue;
      deep = true;
      at = 0;
      message = `nesting deeper than ${LIMITS.depth} levels`;
    } else if (e.code === 'MULTIPLE_DOCS') {
      message = 'more than one YAML document: a KB file holds one (remove the `---` line or split the file)';
    } else if (e.code === 'DUPLICATE_KEY') {
      const key = /^\s*([^:\n]*?)\s*:/.exec(text.slice(at, at + 1000))?.[1];
      if (key) message = `duplicate key \`${shown(key, 40)}\`: a mapping holds each key once`;
    } else if (e.code === 'TAG_RESOLVE_FAILED') {
      message = tagMessage(text.slice(e.pos[0], e.pos[1]));
    } else if (e.code === 'MISSING_CHAR' && /quote/.test(message)) {
      at = openingQuote(text, at, message.includes("'") ? "'" : '"');
      message = `a quoted string is never closed (missing ${message.includes("'") ? "'" : '"'})`;
    }
    out.push({ ...pos(at), message });
  }
  return out;
}

// The core schema's tags, which both readers resolve alike; `!` alone is YAML's non-specific tag
// (a scalar stays a string). Every other tag (!!binary, !!timestamp, !!set, !!js/function,
// !custom...) would make a value the schema does not expect, or none that JSON can hold.
const CORE_TAGS = new Set([
  '!',
  ...['str', 'int', 'float', 'bool', 'null', 'seq', 'map'].map((t) => `tag:yaml.org,2002:${t}`),
]);

const tagMessage = (tag: string) =>
  `YAML tag \`${shown(tag, 40)}\` is not allowed: only the core schema's (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map)`;

// Every node tagged outside the core schema, at its tag as written. js-yaml refuses such tags,
// so only files that hold one (or that js-yaml refuses for another reason) come here.
function tagProblems(doc: Document, text: string, pos: (offset: number) => Pos): ParseProblem[] {
  const bad: { tag: string; at: number }[] = [];
  visit(doc, {
    Node(_, node) {
      if (node.tag && !CORE_TAGS.has(node.tag)) bad.push({ tag: node.tag, at: node.range?.[0] ?? 0 });
    },
  });
  if (!bad.length) return [];
  const written = tagTokens(text);
  return bad.map(({ tag, at }) => {
    // The tag written last before the node is its own: properties stand right before a node.
    let tok: { offset: number; source: string } | undefined;
    for (const t of written) if (t.offset < at && (!tok || t.offset > tok.offset)) tok = t;
    const shownTag = tok?.source ?? tag.replace(/^tag:yaml\.org,2002:/, '!!');
    return { ...pos(tok?.offset ?? at), message: tagMessage(shownTag) };
  });
}

// The tags of a YAML text as written, with their offsets, from yaml's concrete syntax tree.
function tagTokens(text: string): { offset: number; source: string }[] {
  const out: { offset: number; source: string }[] = [];
  const stack: unknown[] = [...new Parser().parse(text)];
  while (stack.length) {
    const t = stack.pop();
    if (!t || typeof t !== 'object') continue;
    const tok = t as { type?: unknown; offset?: unknown; source?: unknown };
    if (tok.type === 'tag' && typeof tok.offset === 'number' && typeof tok.source === 'string')
      out.push({ offset: tok.offset, source: tok.source });
    else for (const v of Object.values(t)) if (v && typeof v === 'object') stack.push(v);
  }
  return out;
}

// Where the unclosed quote that runs to `end` opens: the last quote mark before it that starts a value.
function openingQuote(text: string, end: number, mark: string): number {
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    if (text[i] === mark && (i === 0 || /[\s:[{,-]/.test(text[i - 1]))) return i;
  }
  return end;
}

function positions(text: string): (offset: number) => Pos {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo] + 1 };
  };
}

function tooDeep(e: unknown): ParseResult {
  if (e instanceof RangeError)
    return { ok: false, problems: [{ line: 1, col: 1, message: `nesting deeper than ${LIMITS.depth} levels` }] };
  throw e;
}

function firstLine(m: string): string {
  return shown(m.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
}

// Records are shallow; deep nesting is a mistake or an attack, and is refused before
// anything recursive walks it.
function checkDepth(data: unknown): ParseResult {
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= LIMITS.depth)
      return { ok: false, problems: [{ line: 1, col: 1, message: `nesting deeper than ${LIMITS.depth} levels` }] };
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
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === keyText(seg));
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
    const pair = node.items.find((p) => keyText(p.key) === keyText(key));
    const k = pair?.key as Node | undefined;
    if (k?.range) at = k.range[0];
  }
  return loc.pos(at);
}

// A key as text, to match a key of the data to its node. A key that is not a string (a list,
// say) became YAML text in the data; compare such keys without spaces and quotes.
function keyText(k: unknown): string {
  const s = isScalar(k) ? String(k.value) : String(k);
  return /^[[{]/.test(s) ? s.replace(/[\s"']/g, '') : s;
}
