// What text in a KB may hold. Control characters are refused wherever they come from (raw in
// the file, or written as a YAML escape such as "\0", "\e" or "\x1b"): they have no place in a
// name or a quote, and they break what reads the output (a terminal, Graphviz, a spreadsheet,
// sqlite3's display). Tab, line feed and carriage return stay: text may run over lines. C1
// controls (U+0080-U+009F) are refused with C0, since some terminals act on them (U+009B is
// CSI). A lone surrogate ("\ud800") is half a character and cannot be written as UTF-8.
// Bidirectional and other format characters are text (Arabic and Hebrew need them); whatever
// shows text on a terminal escapes those.

const CONTROLS = '\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F';
const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const NOT_TEXT = new RegExp(`[${CONTROLS}]|${LONE_SURROGATE}`);

// The same rule for JSON Schema, less lone surrogates: an editor may read a pattern without the
// u flag, where a surrogate class would match every emoji.
export const TEXT_CHARS_PATTERN = `^[^${CONTROLS}]*$`;

// Where the first character that is not text stands, or -1.
export function firstNonText(s: string): number {
  const m = NOT_TEXT.exec(s);
  return m ? m.index : -1;
}

const NAMES = new Map([
  [0, 'NUL'],
  [7, 'BEL'],
  [8, 'BS'],
  [0x0b, 'VT'],
  [0x0c, 'FF'],
  [0x1b, 'ESC'],
  [0x7f, 'DEL'],
]);

// "U+001B (ESC), a control character", for a message.
export function describeChar(s: string, at: number): string {
  const c = s.charCodeAt(at);
  const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  if (c >= 0xd800 && c <= 0xdfff) return `${code}, half of a character (a lone surrogate)`;
  const name = NAMES.get(c);
  return `${code}${name ? ` (${name})` : ''}, a control character`;
}

// The 1-based character (code point) at which `at` stands, for a message.
export function charColumn(s: string, at: number): number {
  return [...s.slice(0, at)].length + 1;
}
