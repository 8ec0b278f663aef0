// How a candidate travels from `aigc __complete` to a completion script: one a line, as
// `value<TAB>description`. A value may hold anything a KB name holds, a line break or a tab
// too, so the bytes that could not travel on a line as they are go as %XX (the byte in hex),
// as do `%` and `\` themselves (the scripts decode with printf's \xHH) and a leading `:` (which
// would read as a directive, `:files`). Each script decodes the value and quotes it for its
// shell: the value reaches the command as one argument, exactly as the KB has it.

const ESCAPED = /[%\\\x00-\x1f\x7f-\x9f]|^:/g;

const hex = (c: string) => [...Buffer.from(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

export function encodeValue(value: string): string {
  return value.replace(ESCAPED, hex);
}

// No argument can hold a NUL (the kernel ends each one at the first), so a value with one can
// never be typed; it is not offered.
export const canTravel = (value: string) => !value.includes('\0');
