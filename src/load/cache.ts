// The cache of validated records under $XDG_CACHE_HOME/aigc, one folder per KB, tool version
// and cache format. Each KB file's records are stored by section under a key made of the
// file's path, size, modification and change times and inode, so an entry can never be
// stale: a changed file has a new key.
// A query reads the manifest and only the sections it needs; a change re-reads that one file.
// Every file is written to a temporary name then renamed, and the manifest last, so no reader
// sees half a file and two processes rebuilding at once both leave a whole cache. Anything
// missing or unreadable is a miss.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../errors.js';
import type { KbFileInfo } from './files.js';
import { SECTION_NAMES, type Section } from '../model.js';
import { searchPart, type SearchPart } from './searchpart.js';
import type { FileRecords } from './validate.js';

interface Manifest {
  keys: string[]; // one per KB file, in order
  // Problems are stored without their file and given it again, as shown from the working
  // folder of the run that reads them.
  warnings: (Omit<Problem, 'file'> & { at: number })[];
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

const keyOf = (f: KbFileInfo) => hash(`${f.abs}\0${f.size}\0${f.mtimeMs}\0${f.ctimeMs}\0${f.ino}`);
// What one KB file's entry holds: its records by section, what search needs, and its warnings
// (written last: the entry is whole once they are there).
const PARTS = [...SECTION_NAMES, 'search', 'warnings'] as const;

// The shape of what the cache holds: a hash of the sources that define it, set by the build,
// so a build that changes the records' shape never reads an older layout.
declare const __AIGC_CACHE_FORMAT__: string;
const FORMAT = typeof __AIGC_CACHE_FORMAT__ === 'string' ? __AIGC_CACHE_FORMAT__ : 'dev';

export class Cache {
  readonly dir: string;
  constructor(root: string, kbRealPath: string, version: string) {
    this.dir = join(root, hash(`${FORMAT}\0${version}\0${kbRealPath}`));
  }

  // A file's JSON when it parses and has the shape asked for; anything else is a miss.
  read<T>(name: string, valid: (v: unknown) => boolean = Array.isArray): T | undefined {
    try {
      const v: unknown = JSON.parse(readFileSync(join(this.dir, name), 'utf8'));
      return valid(v) ? (v as T) : undefined;
    } catch {
      return undefined;
    }
  }

  // The cached KB when the manifest names exactly these files, unchanged.
  fresh(files: KbFileInfo[]): Snapshot | undefined {
    const m = this.read<Manifest>(
      'manifest.json',
      (v) => Array.isArray((v as Manifest)?.keys) && Array.isArray((v as Manifest).warnings),
    );
    if (!m || m.keys.length !== files.length || !m.keys.every((k, i) => k === keyOf(files[i]))) return undefined;
    return new Snapshot(this, m, files);
  }

  part<T>(key: string, part: (typeof PARTS)[number], valid?: (v: unknown) => boolean): T | undefined {
    return this.read<T>(`${key}.${part}.json`, valid);
  }

  // One file's records and warnings, if its whole entry is cached for this very version of it.
  file(f: KbFileInfo): { records: FileRecords; warnings: Problem[] } | undefined {
    const key = keyOf(f);
    const warnings = this.part<Problem[]>(key, 'warnings');
    const [sources, entities, claims] = SECTION_NAMES.map((s) => this.part<unknown[]>(key, s));
    if (!warnings || !sources || !entities || !claims || !existsSync(join(this.dir, `${key}.search.json`)))
      return undefined;
    return {
      records: { sources, entities, claims } as FileRecords,
      warnings: warnings.map((w) => ({ ...w, file: f.path })),
    };
  }

  writeFile(f: KbFileInfo, records: FileRecords, warnings: Problem[]): void {
    const key = keyOf(f);
    const data = { ...records, search: searchPart(records), warnings };
    for (const p of PARTS) this.write(`${key}.${p}.json`, data[p]);
  }

  writeManifest(files: KbFileInfo[], warnings: Problem[]): void {
    const at = new Map(files.map((f, i) => [f.path, i]));
    const stored = warnings.map(({ file, ...w }) => ({ ...w, at: at.get(file) ?? 0 }));
    this.write('manifest.json', { keys: files.map(keyOf), warnings: stored } satisfies Manifest);
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

const isSearchPart = (v: unknown) =>
  Array.isArray((v as SearchPart)?.docs) &&
  Array.isArray((v as SearchPart).words) &&
  Array.isArray((v as SearchPart).postings);

// A fresh manifest's view of the cache: a section is read, file by file, when first asked for.
export class Snapshot {
  constructor(
    private cache: Cache,
    private manifest: Manifest,
    private files: KbFileInfo[],
  ) {}
  get warnings(): Problem[] {
    return this.manifest.warnings.map(({ at, ...w }) => ({ ...w, file: this.files[at]?.path ?? '' }));
  }
  // Every file's part, or undefined if any is missing.
  private each<T>(read: (key: string) => T | undefined): T[] | undefined {
    const out: T[] = [];
    for (const key of this.manifest.keys) {
      const part = read(key);
      if (part === undefined) return undefined;
      out.push(part);
    }
    return out;
  }
  section<T>(section: Section): T[] | undefined {
    return this.each((key) => this.cache.part<T[]>(key, section))?.flat();
  }
  searchParts(): SearchPart[] | undefined {
    return this.each((key) => this.cache.part<SearchPart>(key, 'search', isSearchPart));
  }
  parts(): FileRecords[] | undefined {
    return this.each((key) => {
      const [sources, entities, claims] = SECTION_NAMES.map((s) => this.cache.part<unknown[]>(key, s));
      return sources && entities && claims ? ({ sources, entities, claims } as FileRecords) : undefined;
    });
  }
}
