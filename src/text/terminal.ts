// Text bound for a terminal. A knowledge base is shared, so any string in it may hold what a
// terminal obeys: ESC and C1 sequences (CSI clears the screen, OSC 2 retitles the window,
// OSC 52 writes the clipboard, OSC 8 hides a link, DCS talks to the terminal), a carriage return
// that lets a later word overwrite an earlier one, bidi controls that reverse what is read, and
// invisible format characters. Each is shown visibly escaped (`\e]2;…\a`, `\x9b`, `\u202e`),
// as less and git do, so that the reader sees it and the terminal obeys none of it. A backslash
// is left as it is, so the escaping is idempotent: text escaped twice reads the same.

// C0, DEL, C1, line and paragraph separators, every format character (bidi marks and
// isolates, zero-width space, word joiner, BOM, tags...) and lone surrogates.
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\p{Cf}\p{Cs}]/gu;

// The two joiners are format characters that scripts and emoji need to be written at all.
const JOINERS = new Set(['\u200c', '\u200d']);

const NAMED: Record<string, string> = {
  '\0': '\\0',
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\x1b': '\\e',
};

function visible(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const cp = c.codePointAt(0)!;
  if (cp <= 0x9f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

// How line breaks and tabs are shown:
// - 'line': a one-line message; every control is escaped, \n and \t included.
// - 'cell': a table or TSV cell; runs of tabs and line breaks are one space (as in TSV).
// - 'prose': a paragraph of a card; line breaks stay, a tab is a space.
export type Layout = 'line' | 'cell' | 'prose';

// Most text is printable ASCII, and needs no look at each character.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function terminalText(s: string, layout: Layout = 'line'): string {
  if (PRINTABLE_ASCII.test(s)) return s;
  if (layout === 'cell') s = s.replace(/[\t\n]+/g, ' ');
  else if (layout === 'prose') s = s.replace(/\t/g, ' ');
  return s.replace(UNSAFE, (c) => (JOINERS.has(c) || (c === '\n' && layout === 'prose') ? c : visible(c)));
}

// The last guard before the terminal, for output that a renderer has already built and
// coloured: what renderers draw (SGR colour sequences, line breaks, the tabs of TSV) passes,
// everything else is escaped as above. Renderers of KB text escape it with terminalText before
// they colour it; this catches any output that did not (a graph, a schema, a page).
const UNSAFE_OUTPUT = /(\x1b\[[0-9;]*m)|[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\p{Cf}\p{Cs}]/gu;

export function terminalOutput(s: string): string {
  return s.replace(UNSAFE_OUTPUT, (c, sgr) => (sgr || JOINERS.has(c) ? c : visible(c)));
}

// JSON that a terminal can show safely and a parser reads exactly: JSON.stringify escapes C0
// controls but leaves DEL, C1, bidi and format characters raw; inside a JSON string each can
// be written as \uXXXX instead, which parses to the same text. They can stand nowhere else in
// JSON, so the replacement never touches its structure.
const JSON_RAW = /[\x7f-\x9f\u2028\u2029\p{Cf}]/gu;

export function jsonText(value: unknown, indent?: number): string {
  // A lone surrogate JSON.stringify escapes itself; a format character beyond the BMP (a tag)
  // is written as its two UTF-16 halves, as JSON wants.
  return JSON.stringify(value, null, indent).replace(JSON_RAW, (c) => {
    if (JOINERS.has(c)) return c;
    let out = '';
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}
