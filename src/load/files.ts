// Finding the KB's files and reading them as text, with the limits the README documents.
import { readdirSync, readFileSync, realpathSync, type Stats, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { shown } from '../text/suggest.js';

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

// Every .yaml/.yml file under dir, sorted, following symlinks once each (a loop is
// skipped, not followed forever). Hidden files and folders are not part of a KB.
export function findKbFiles(dir: string, cwd: string): { root: string; files: KbFileInfo[] } {
  let root: string;
  try {
    root = realpathSync(resolve(cwd, dir));
  } catch {
    throw new UsageError(`knowledge base folder not found: ${shown(dir)}`);
  }
  if (!statSync(root).isDirectory()) throw new UsageError(`knowledge base is not a folder: ${shown(dir)}`);
  const out: KbFileInfo[] = [];
  const seen = new Set<string>([root]);
  const walk = (abs: string, asGiven: string) => {
    let names: string[];
    try {
      names = readdirSync(abs).sort();
    } catch {
      return; // an unreadable folder below the root is skipped like any non-KB file
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const child = join(abs, name);
      const childShown = join(asGiven, name);
      let st: Stats;
      try {
        st = statSync(child);
      } catch {
        continue; // a dangling symlink
      }
      if (st.isDirectory()) {
        let real: string;
        try {
          real = realpathSync(child);
        } catch {
          continue; // a folder that cannot be resolved is skipped like an unreadable one
        }
        if (seen.has(real)) continue;
        seen.add(real);
        walk(child, childShown);
      } else if (st.isFile() && /\.ya?ml$/i.test(name)) {
        if (out.length >= LIMITS.files)
          throw new UsageError(`knowledge base has more than ${LIMITS.files} files: ${dir}`);
        out.push({
          abs: child,
          path: displayPath(childShown, cwd),
          size: st.size,
          mtimeMs: st.mtimeMs,
          ctimeMs: st.ctimeMs,
          ino: st.ino,
        });
      }
    }
  };
  walk(root, isAbsolute(dir) ? dir : join(cwd, dir));
  return { root, files: out };
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
    buf = readFileSync(file.abs);
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
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MiB`;
}

function lineCol(buf: Buffer, at: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) {
    if (buf[i] !== 10) continue;
    line++;
    start = i + 1;
  }
  return { line, col: at - start + 1 };
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
