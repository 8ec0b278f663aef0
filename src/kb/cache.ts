// The cache of validated records under $XDG_CACHE_HOME/aigc, one folder per KB and tool
// version. Two layers: each KB file's records (so a change re-reads that file alone), and a
// snapshot of the whole KB split by section (so a query reads only the sections it needs).
// Every file is written to a temporary name then renamed, so no reader sees half a file; the
// manifest is written last and names a generation that every snapshot file must carry, so
// two processes rebuilding at once can never mix their snapshots. Anything unreadable is a miss.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Problem } from '../errors.js';
import type { KbFileInfo } from './files.js';
import type { Section } from './model.js';
import type { FileRecords } from './validate.js';

export interface CachedFile {
  path: string;
  size: number;
  mtimeMs: number;
  records: FileRecords;
  warnings: Problem[];
}

interface Stamp {
  path: string;
  size: number;
  mtimeMs: number;
}

interface Manifest {
  gen: string;
  files: Stamp[];
  warnings: Problem[];
}

export function cacheRoot(env: Record<string, string | undefined>): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'aigc');
}

// FNV-1a, twice with different seeds: a stable file name from a path, without loading node:crypto.
export function hash(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

const stampOf = (f: KbFileInfo): Stamp => ({ path: f.abs, size: f.size, mtimeMs: f.mtimeMs });
const same = (a: Stamp, b: KbFileInfo) => a.path === b.abs && a.size === b.size && a.mtimeMs === b.mtimeMs;

export class Cache {
  readonly dir: string;
  constructor(root: string, kbRealPath: string, version: string) {
    this.dir = join(root, hash(`${version}\0${kbRealPath}`));
  }

  private readJson<T>(name: string): T | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  // The snapshot, when the manifest names exactly these files, unchanged.
  fresh(files: KbFileInfo[]): Snapshot | undefined {
    const m = this.readJson<Manifest>('manifest.json');
    if (!m || m.files.length !== files.length || !m.files.every((e, i) => same(e, files[i]))) return undefined;
    return new Snapshot(this, m);
  }

  // A snapshot section, if it belongs to this generation.
  section<T>(gen: string, section: Section): T[] | undefined {
    const s = this.readJson<{ gen: string; data: T[] }>(`all.${section}.json`);
    return s?.gen === gen ? s.data : undefined;
  }

  // One file's records, if cached for this very version of the file.
  file(f: KbFileInfo): CachedFile | undefined {
    const c = this.readJson<CachedFile>(`f-${hash(f.abs)}.json`);
    return c && same(c, f) && c.records ? c : undefined;
  }

  writeFile(f: KbFileInfo, records: FileRecords, warnings: Problem[]): void {
    this.write(`f-${hash(f.abs)}.json`, { ...stampOf(f), records, warnings } satisfies CachedFile);
  }

  writeSnapshot(files: KbFileInfo[], records: FileRecords, warnings: Problem[]): void {
    const gen = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    for (const section of ['sources', 'entities', 'claims'] as const) this.write(`all.${section}.json`, { gen, data: records[section] });
    this.write('manifest.json', { gen, files: files.map(stampOf), warnings } satisfies Manifest);
  }

  private write(name: string, data: unknown): void {
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, name);
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

// A fresh manifest's view of the cache: sections are read when first asked for.
export class Snapshot {
  constructor(
    private cache: Cache,
    private manifest: Manifest,
  ) {}
  get warnings(): Problem[] {
    return this.manifest.warnings;
  }
  section<T>(section: Section): T[] | undefined {
    return this.cache.section<T>(this.manifest.gen, section);
  }
}
