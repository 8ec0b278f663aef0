// A complete store's manifest and index, their shapes, and the view of the KB that a query
// reads from the store: each section read, checked and parsed when first asked for.
import type { Problem } from '../errors.js';
import type { KbFileInfo } from './files.js';
import { SECTION_NAMES, type Section } from '../model.js';
import type { SearchPart } from './searchpart.js';
import { isSearchPart, isStoredProblem, SHAPES } from './shape.js';
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
  counts: Record<Section, number> & { files: number };
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
    [...SECTION_NAMES, 'files' as const].every((s) => count(m.counts[s])) &&
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

// A complete store's view of the KB: a section is read, checked and parsed when first asked for.
export class Snapshot {
  constructor(
    private store: StoreFile,
    private manifest: Manifest,
    private files: KbFileInfo[],
  ) {}
  get warnings(): Problem[] {
    return this.manifest.warnings.map(({ at, ...w }) => ({ ...w, file: this.files[at]?.path ?? '' }));
  }
  // A section's records, or undefined if the segment fails its checksum or its shape.
  section<T>(section: Section): T[] | undefined {
    const all = parseJson(this.store.text(section));
    return Array.isArray(all) && all.length === this.manifest.counts[section] && all.every(SHAPES[section])
      ? (all as T[])
      : undefined;
  }
  searchParts(): SearchPart[] | undefined {
    const parts = parseJson(this.store.text('search'));
    return Array.isArray(parts) && parts.length === this.files.length && parts.every(isSearchPart) ? parts : undefined;
  }
  // The records file by file, as the index divides the sections.
  parts(): FileRecords[] | undefined {
    const entries = parseJson(this.store.text('index'));
    if (!Array.isArray(entries) || entries.length !== this.files.length || !entries.every(isEntry)) return undefined;
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
