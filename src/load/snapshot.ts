// A complete store's manifest and index, their shapes, and the view of the KB that a query
// reads from the store: each section read, checked and parsed when first asked for.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Problem } from '../errors.js';
import { readCacheFile } from '../fs/regular.js';
import type { KbFileInfo } from './files.js';
import { SECTION_NAMES, type Section } from '../model.js';
import type { Claim } from './schema.js';
import type { SearchPart } from './searchpart.js';
import { isRoleClaim, isSearchPart, isStoredProblem, type RoleClaim, SHAPES } from './shape.js';
import type { StoreFile, StoreHeader } from './store.js';
import type { FileRecords } from './validate.js';

// Problems are stored without their file and given it again, as shown from the working folder
// of the run that reads them.
export type StoredProblem = Omit<Problem, 'file'>;

export interface Manifest extends StoreHeader {
  kb: string;
  // Every file is in the store and the KB is valid: the store alone answers a query. A KB with
  // errors leaves a store of its good files, for the rebuild once they are mended.
  complete: boolean;
  counts: Record<Section, number> & { roles: number; files: number };
  warnings: (StoredProblem & { at: number })[]; // of a complete store
}

// One KB file in the store: its key, how many records of each section it holds, the length
// of its text (ASCII) in each section's segment and in the search segment, and its own warnings.
export interface Entry {
  key: string;
  counts: number[];
  chars: number[];
  warnings: StoredProblem[];
}

const count = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

export function isManifest(h: StoreHeader): boolean {
  const m = h as Manifest;
  return (
    typeof m.kb === 'string' &&
    typeof m.complete === 'boolean' &&
    !!m.counts &&
    [...SECTION_NAMES, 'roles' as const, 'files' as const].every((s) => count(m.counts[s])) &&
    Array.isArray(m.warnings) &&
    m.warnings.every(isStoredProblem(m.counts.files))
  );
}

export const isEntry = (v: unknown): v is Entry => {
  const e = v as Entry;
  return (
    !!e &&
    typeof e.key === 'string' &&
    Array.isArray(e.counts) &&
    e.counts.length === 3 &&
    e.counts.every(count) &&
    Array.isArray(e.chars) &&
    e.chars.length === 4 &&
    e.chars.every(count) &&
    Array.isArray(e.warnings) &&
    e.warnings.every(isStoredProblem())
  );
};

export function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Which sections of a store have passed the shape check, kept beside it: a section is checked
// for shape the first time it is read after the store is written, and on later reads only
// against its checksum, which finds any change to it since. The shape check of the claims of a
// 100,000-record KB costs about 150 ms beside 250-350 ms for their JSON.parse: a query on a
// warm cache should not pay it every time. The record is keyed by the store's own checksum, so
// a store written since (or changed in any way) is checked afresh.
export class ShapeChecked {
  private sections: Set<string>;
  constructor(
    private path: string,
    private store: string, // StoreFile.id
  ) {
    const m = /^aigc-checked ([0-9a-f]{16})((?: [a-z]+)*)\n$/.exec(readCacheFile(path, 4096)?.toString('latin1') ?? '');
    this.sections = new Set(m && m[1] === store ? m[2].split(' ').filter(Boolean) : []);
  }
  has(section: string): boolean {
    return this.sections.has(section);
  }
  // Best effort: a cache folder that cannot be written only means the check runs again.
  add(...sections: string[]): void {
    for (const s of sections) this.sections.add(s);
    const tmp = `${this.path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    try {
      writeFileSync(tmp, `aigc-checked ${this.store} ${[...this.sections].sort().join(' ')}\n`, {
        flag: 'wx',
        mode: 0o600,
      });
      renameSync(tmp, this.path);
    } catch {
      rmSync(tmp, { force: true });
    }
  }
}

// A complete store's view of the KB: a section is read, checked and parsed when first asked for.
export class Snapshot {
  constructor(
    private store: StoreFile,
    private manifest: Manifest,
    private files: KbFileInfo[],
    private checked: ShapeChecked,
  ) {}
  get warnings(): Problem[] {
    return this.manifest.warnings.map(({ at, ...w }) => ({ ...w, file: this.files[at]?.path ?? '' }));
  }
  // A segment's JSON, if it passes its checksum and `shape` (once per store, see ShapeChecked).
  private read<T>(name: string, shape: (v: unknown) => boolean): T | undefined {
    const v = parseJson(this.store.text(name));
    if (v === undefined) return undefined;
    if (this.checked.has(name)) return v as T;
    if (!shape(v)) return undefined;
    this.checked.add(name);
    return v as T;
  }
  // A section's records, or undefined if the segment fails its checksum or its shape.
  section<T>(section: Section): T[] | undefined {
    const count = this.manifest.counts[section];
    return this.read<T[]>(section, (all) => Array.isArray(all) && all.length === count && all.every(SHAPES[section]));
  }
  // The role claims, kept apart from the claims (cache.ts).
  roles(): RoleClaim[] | undefined {
    const count = this.manifest.counts.roles;
    return this.read<RoleClaim[]>(
      'roles',
      (all) =>
        Array.isArray(all) && all.length === count && all.every((c) => SHAPES.claims(c) && isRoleClaim(c as Claim)),
    );
  }
  searchParts(): SearchPart[] | undefined {
    const n = this.files.length;
    return this.read<SearchPart[]>(
      'search',
      (parts) => Array.isArray(parts) && parts.length === n && parts.every(isSearchPart),
    );
  }
  // The records file by file, as the index divides the sections.
  parts(): FileRecords[] | undefined {
    const entries = this.read<Entry[]>(
      'index',
      (e) => Array.isArray(e) && e.length === this.files.length && e.every(isEntry),
    );
    if (!entries) return undefined;
    const sections = SECTION_NAMES.map((s) => this.section(s));
    if (sections.some((s) => !s)) return undefined;
    const at = [0, 0, 0];
    return entries.map((e) => {
      const [sources, entities, claims] = sections.map((all, i) => {
        const part = all!.slice(at[i], at[i] + e.counts[i]);
        at[i] += e.counts[i];
        return part;
      });
      return { sources, entities, claims } as FileRecords;
    });
  }
}
