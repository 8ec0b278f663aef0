// The cache of validated records: one JSON file per KB file plus a manifest, under
// $XDG_CACHE_HOME/aigc. Keyed by each file's path, size and mtime and by the tool's
// version; written to a temporary name then renamed, so a reader never sees half a file and
// two processes rebuilding at once both leave a whole cache. Anything unreadable is a miss.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Problem } from '../errors.js';
import type { KbFileInfo } from './files.js';
import type { FileRecords } from './validate.js';

export interface CachedFile {
  path: string;
  size: number;
  mtimeMs: number;
  records: FileRecords;
  warnings: Problem[];
}

interface Manifest {
  files: { path: string; size: number; mtimeMs: number }[];
}

export function cacheRoot(env: Record<string, string | undefined>): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'aigc');
}

const same = (a: { path: string; size: number; mtimeMs: number }, b: KbFileInfo) => a.path === b.abs && a.size === b.size && a.mtimeMs === b.mtimeMs;

export class Cache {
  readonly dir: string;
  constructor(root: string, kbRealPath: string, version: string) {
    const key = createHash('sha1').update(`${version}\0${kbRealPath}`).digest('hex').slice(0, 16);
    this.dir = join(root, key);
  }

  private fileName(f: KbFileInfo): string {
    return join(this.dir, createHash('sha1').update(f.abs).digest('hex').slice(0, 20) + '.json');
  }

  private readJson<T>(p: string): T | undefined {
    try {
      return JSON.parse(readFileSync(p, 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  // The whole KB when the manifest names exactly these files, unchanged; else undefined.
  fresh(files: KbFileInfo[]): CachedFile[] | undefined {
    const m = this.readJson<Manifest>(join(this.dir, 'manifest.json'));
    if (!m || m.files.length !== files.length || !m.files.every((e, i) => same(e, files[i]))) return undefined;
    const out: CachedFile[] = [];
    for (const f of files) {
      const c = this.file(f);
      if (!c) return undefined;
      out.push(c);
    }
    return out;
  }

  // One file's records, if cached for this very version of the file.
  file(f: KbFileInfo): CachedFile | undefined {
    const c = this.readJson<CachedFile>(this.fileName(f));
    return c && same(c, f) && c.records ? c : undefined;
  }

  writeFile(f: KbFileInfo, records: FileRecords, warnings: Problem[]): void {
    this.write(this.fileName(f), { path: f.abs, size: f.size, mtimeMs: f.mtimeMs, records, warnings } satisfies CachedFile);
  }

  writeManifest(files: KbFileInfo[]): void {
    this.write(join(this.dir, 'manifest.json'), { files: files.map((f) => ({ path: f.abs, size: f.size, mtimeMs: f.mtimeMs })) } satisfies Manifest);
  }

  private write(path: string, data: unknown): void {
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    try {
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }

  // A process killed mid-write leaves a temporary file that no reader ever opens; sweep
  // those older than a minute so they do not pile up.
  sweep(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    const old = Date.now() - 60_000;
    for (const n of names) {
      if (!n.includes('.tmp-')) continue;
      const p = join(this.dir, n);
      try {
        if (statSync(p).mtimeMs < old) rmSync(p, { force: true });
      } catch {
        // another process swept it first
      }
    }
  }
}
