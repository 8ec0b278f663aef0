// Finding the KB's files and reading them as text, with the limits the README documents.
// The KB folder is a boundary: a symbolic link is followed only where it leads to a place
// inside the folder (as git will not follow a link out of a repository), so a shared KB cannot
// make aigc read, or walk, anything else on the machine. Only regular files are read, and
// never more than the limit, whatever their size claims to be.
import { type Dirent, readdirSync, readlinkSync, realpathSync, type Stats, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type Problem, UsageError } from '../errors.js';
import { shown } from '../text/suggest.js';
import { readRegular } from '../fs/regular.js';
import { describeChar, firstNonText } from './chars.js';

export const LIMITS = {
  fileBytes: 16 * 1024 * 1024, // one KB file
  files: 100_000, // files in one KB
  aliases: 100, // YAML alias (*ref) expansions per file
  depth: 64, // nesting of YAML collections
} as const;

export interface KbFileInfo {
  abs: string; // absolute path, for reading
  path: string; // the path shown in messages: relative to the working folder when inside it
  size: number;
  mtimeMs: number;
  // Beside size and mtime, these change on every write or rename, even one that restores the
  // mtime (cp -p, rsync -a, tar, touch -r), so the cache can tell any edit.
  ctimeMs: number;
  ino: number;
}

export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : abs;
}

// What a link says, as `ls -l` shows it.
function linkText(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '?';
  }
}

const isYaml = (name: string) => /\.ya?ml$/i.test(name);

// What a file that is neither a folder nor a regular file is, for a message.
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

// Every .yaml/.yml file under dir, sorted, following symlinks that stay inside the folder,
// each folder once (a loop is skipped, not followed forever). Hidden files and folders are not
// part of a KB. A link that leads out of the folder, and a .yaml name that is a FIFO, socket or
// device, are problems at their path; other names are not the KB's business and are never
// opened.
export function findKbFiles(dir: string, cwd: string): { root: string; files: KbFileInfo[]; problems: Problem[] } {
  let root: string;
  try {
    root = realpathSync(resolve(cwd, dir));
  } catch {
    throw new UsageError(`knowledge base folder not found: ${shown(dir)}`);
  }
  if (!statSync(root).isDirectory()) throw new UsageError(`knowledge base is not a folder: ${shown(dir)}`);
  const inside = (real: string) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
  const out: KbFileInfo[] = [];
  const problems: Problem[] = [];
  const refuse = (shownAs: string, message: string) =>
    problems.push({ file: displayPath(shownAs, cwd), line: 1, col: 1, message, severity: 'error' });
  const seen = new Set<string>([root]);
  // `real` is the folder's own path with every link resolved, `asGiven` the path shown.
  const walk = (abs: string, real: string, asGiven: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return; // an unreadable folder below the root is skipped like any non-KB file
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith('.')) continue;
      const child = join(abs, name);
      const childShown = join(asGiven, name);
      let childReal = join(real, name);
      let st: Stats | undefined;
      if (entry.isSymbolicLink()) {
        try {
          childReal = realpathSync(child);
          st = statSync(childReal);
        } catch {
          continue; // a dangling link, or a loop of links: nothing to read
        }
        if (!inside(childReal)) {
          if (st.isDirectory() || isYaml(name))
            refuse(
              childShown,
              `a symbolic link out of the knowledge base folder (to ${shown(linkText(child), 60)}): aigc follows links only within the folder; copy what it points to into the folder`,
            );
          continue;
        }
      }
      if (st ? st.isDirectory() : entry.isDirectory()) {
        if (seen.has(childReal)) continue;
        seen.add(childReal);
        walk(child, childReal, childShown);
        continue;
      }
      if (!isYaml(name)) continue;
      if (!st) {
        try {
          st = statSync(child);
        } catch {
          continue; // gone since the folder was listed
        }
      }
      if (!st.isFile()) {
        refuse(childShown, `${kindOf(st)}, not a regular file: a KB file must be a regular file, and is not opened`);
        continue;
      }
      if (out.length >= LIMITS.files)
        throw new UsageError(`knowledge base has more than ${LIMITS.files} files: ${shown(dir)}`);
      out.push({
        abs: child,
        path: displayPath(childShown, cwd),
        size: st.size,
        mtimeMs: st.mtimeMs,
        ctimeMs: st.ctimeMs,
        ino: st.ino,
      });
    }
  };
  walk(root, root, isAbsolute(dir) ? dir : join(cwd, dir));
  return { root, files: out, problems };
}

export type TextResult = { ok: true; text: string } | { ok: false; message: string; line: number; col: number };

const utf8 = new TextDecoder('utf-8', { fatal: true });

// A KB file must be UTF-8 text; a byte-order mark is dropped. Returns why not, located.
export function readKbText(file: KbFileInfo): TextResult {
  if (file.size > LIMITS.fileBytes) {
    return {
      ok: false,
      line: 1,
      col: 1,
      message: `file is ${mib(file.size)}, over the ${mib(LIMITS.fileBytes)} limit for one KB file; split it`,
    };
  }
  let buf: Buffer;
  try {
    const r = readRegular(file.abs, LIMITS.fileBytes);
    if (!r.ok) {
      const message =
        r.why === 'not-regular'
          ? 'not a regular file (it changed since the folder was read): a KB file must be a regular file'
          : r.size === undefined
            ? `file holds more than the ${mib(LIMITS.fileBytes)} limit for one KB file (its size was not known in advance); split it`
            : `file is ${mib(r.size)}, over the ${mib(LIMITS.fileBytes)} limit for one KB file; split it`;
      return { ok: false, line: 1, col: 1, message };
    }
    buf = r.bytes;
  } catch (e) {
    return {
      ok: false,
      line: 1,
      col: 1,
      message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
  const nul = buf.indexOf(0);
  if (nul !== -1)
    return { ok: false, ...lineCol(buf, nul), message: 'binary file (a NUL byte): a KB file must be YAML text' };
  let text: string;
  try {
    text = utf8.decode(buf);
  } catch {
    return { ok: false, ...firstBadUtf8(buf), message: 'not UTF-8 text: save the file as UTF-8' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // A raw control character, located where it stands; one written as a YAML escape is found
  // in the value it makes (schema.ts).
  const bad = firstNonText(text);
  if (bad !== -1)
    return { ok: false, ...charLineCol(text, bad), message: `${describeChar(text, bad)}: a KB file must be text` };
  return { ok: true, text };
}

function charLineCol(text: string, at: number): { line: number; col: number } {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return { line, col: [...text.slice(start, at)].length + 1 };
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MiB`;
}

// The line and column (in characters, as every other message counts them) of a byte.
function lineCol(buf: Buffer, at: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) {
    if (buf[i] !== 10) continue;
    line++;
    start = i + 1;
  }
  // Bytes that are not UTF-8 count as a character each, as an editor shows them.
  return { line, col: [...buf.subarray(start, at).toString('utf8')].length + 1 };
}

// The line and column (in characters) of the first byte that is not UTF-8.
function firstBadUtf8(buf: Buffer): { line: number; col: number } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let col = 1;
  for (let i = 0; i < buf.length; i++) {
    let chars: string;
    try {
      chars = decoder.decode(buf.subarray(i, i + 1), { stream: true });
    } catch {
      return { line, col };
    }
    for (const ch of chars) {
      if (ch === '\n') {
        line++;
        col = 1;
      } else col++;
    }
  }
  return { line, col };
}
