// What a picture cannot show as it is: a control character (a NUL would end Graphviz's input,
// and no control but the line breaks may stand in the SVG it writes, which is XML) or a
// bidirectional control (it would reorder the label around it). Each is written as the
// characters of its escape, \x00 or \u202e, so the label still says what the KB holds. Line
// breaks are left to each renderer; a tab is a space.
const HIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escapeOf = (c: string) => {
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
};

export const visible = (s: string): string => s.replace(/\t/g, ' ').replace(HIDDEN, escapeOf);
