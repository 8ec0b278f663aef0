// The cache of validated records under $XDG_CACHE_HOME/aigc, one folder per KB and tool
// version. Each KB file's records are stored by section under a key made of the file's path,
// size and modification time, so an entry can never be stale: a changed file has a new key.
// A query reads the manifest and only the sections it needs; a change re-reads that one file.
// Every file is written to a temporary name then renamed, and the manifest last, so no reader
// sees half a file and two processes rebuilding at once both leave a whole cache. Anything
// missing or unreadable is a miss.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Problem } from '../errors.js';
import type { KbFileInfo } from './files.js';
import { SECTION_NAMES, type Section } from './model.js';
import { searchPart, type SearchPart } from './searchpart.js';
import type { FileRecords } from './validate.js';

interface Entry {
  path: string;
  size: number;
  mtimeMs: number;
  key: string;
}

interface Manifest {
  files: Entry[];
  warnings: Problem[];
}

export function cacheRoot(env: Record<string, string | undefined>): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'aigc');
}

// FNV-1a, twice with different primes: a stable name from a string, without loading node:crypto.
export function hash(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

const keyOf = (f: KbFileInfo) => hash(`${f.abs}\0${f.size}\0${f.mtimeMs}`);
// Bumped when what the cache holds changes shape, so an older layout is never read.
const FORMAT = 3;

export class Cache {
  readonly dir: string;
  constructor(root: string, kbRealPath: string, version: string) {
    this.dir = join(root, hash(`${FORMAT}\0${version}\0${kbRealPath}`));
  }

  read<T>(name: string): T | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  // The cached KB when the manifest names exactly these files, unchanged.
  fresh(files: KbFileInfo[]): Snapshot | undefined {
    const m = this.read<Manifest>('manifest.json');
    if (!m || m.files.length !== files.length || !m.files.every((e, i) => e.path === files[i].abs && e.key === keyOf(files[i]))) return undefined;
    return new Snapshot(this, m);
  }

  section<T>(key: string, section: Section): T[] | undefined {
    return this.read<T[]>(`${key}.${section}.json`);
  }

  // One file's records and warnings, if cached for this very version of the file.
  file(f: KbFileInfo): { records: FileRecords; warnings: Problem[] } | undefined {
    const key = keyOf(f);
    const warnings = this.read<Problem[]>(`${key}.warnings.json`);
    const [sources, entities, claims] = SECTION_NAMES.map((s) => this.section(key, s));
    if (!warnings || !sources || !entities || !claims) return undefined;
    return { records: { sources, entities, claims } as FileRecords, warnings };
  }

  writeFile(f: KbFileInfo, records: FileRecords, warnings: Problem[]): void {
    const key = keyOf(f);
    for (const s of SECTION_NAMES) this.write(`${key}.${s}.json`, records[s]);
    this.write(`${key}.search.json`, searchPart(records));
    this.write(`${key}.warnings.json`, warnings); // last: it marks the entry complete
  }

  writeManifest(files: KbFileInfo[], warnings: Problem[]): void {
    this.write('manifest.json', { files: files.map((f) => ({ path: f.abs, size: f.size, mtimeMs: f.mtimeMs, key: keyOf(f) })), warnings } satisfies Manifest);
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

  // Entries of files that changed or left the KB, and temporary files of a process killed
  // mid-write, are never read again; remove those older than a minute (younger ones may be
  // another process's work in progress).
  sweep(files: KbFileInfo[]): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    const live = new Set(files.map(keyOf));
    const old = Date.now() - 60_000;
    for (const n of names) {
      if (n === 'manifest.json' || (!n.includes('.tmp-') && live.has(n.split('.')[0]))) continue;
      const p = join(this.dir, n);
      try {
        if (statSync(p).mtimeMs < old) rmSync(p, { force: true });
      } catch {
        // another process swept it first
      }
    }
  }
}

// A fresh manifest's view of the cache: a section is read, file by file, when first asked for.
export class Snapshot {
  constructor(
    private cache: Cache,
    private manifest: Manifest,
  ) {}
  get warnings(): Problem[] {
    return this.manifest.warnings;
  }
  section<T>(section: Section): T[] | undefined {
    const out: T[] = [];
    for (const e of this.manifest.files) {
      const part = this.cache.section<T>(e.key, section);
      if (!part) return undefined;
      for (const r of part) out.push(r);
    }
    return out;
  }
  searchParts(): SearchPart[] | undefined {
    const out: SearchPart[] = [];
    for (const e of this.manifest.files) {
      const part = this.cache.read<SearchPart>(`${e.key}.search.json`);
      if (!part) return undefined;
      out.push(part);
    }
    return out;
  }
  part(i: number): FileRecords | undefined {
    const [sources, entities, claims] = SECTION_NAMES.map((s) => this.cache.section(this.manifest.files[i].key, s));
    return sources && entities && claims ? ({ sources, entities, claims } as FileRecords) : undefined;
  }
}
