// The cache of validated records: one store file per KB (store.ts), under $XDG_CACHE_HOME/aigc
// in a folder per KB, tool version and cache format, however many files the KB has. It holds
// every section of the KB as one segment (a query reads only the sections it needs, as one
// read each), what search needs, and an index of the KB files it was built from, each under a
// key made of the file's path, size, modification and change times and inode, so that an entry
// can never be stale: a changed file has a new key. A rebuild re-reads only the files whose key
// is not in the store, and copies the others' text from it unparsed where it can.
// The store is written to a temporary name and renamed, so no reader sees half of one and two
// processes rebuilding at once both leave a whole one. Anything that does not check (the file,
// its header, a segment's checksum, the shape of what a segment holds) is a miss, and the
// rebuild that follows replaces it.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../errors.js';
import { hash } from './checksum.js';
import type { KbFileInfo } from './files.js';
import { SECTION_NAMES, type Section } from '../model.js';
import { searchPart } from './searchpart.js';
import { isRoleClaim, isSearchPart, SHAPES } from './shape.js';
import {
  type Entry,
  isEntry,
  isManifest,
  type Manifest,
  parseJson,
  ShapeChecked,
  Snapshot,
  type StoredProblem,
} from './snapshot.js';
import { ascii, StoreFile, StoreWriter } from './store.js';
import type { FileRecords } from './validate.js';

export const keyOf = (f: KbFileInfo) => hash(`${f.abs}\0${f.size}\0${f.mtimeMs}\0${f.ctimeMs}\0${f.ino}`);
// The KB as a whole: every file's key, in order.
export const kbKey = (files: KbFileInfo[]) => hash(files.map(keyOf).join(','));

// A KB file as the store holds it: its records, its warnings, and its text in each segment.
export interface Cached {
  records: FileRecords;
  warnings: StoredProblem[];
  text: Record<Section | 'search', string>;
}

// The segments that hold each file's text, in the order of an entry's `chars`.
const SEGMENT_PARTS = [...SECTION_NAMES, 'search'] as const;
const sum = (entries: Entry[], i: number) => entries.reduce((n, e) => n + e.counts[i], 0);

// What a rebuild may take from the store, and what the store was built from.
export interface Previous {
  files: Map<string, Cached>;
  keys: string[]; // of the files it holds, in order
  complete: boolean;
  kb: string;
}

// The file's text in a segment `[a,b,...]` joined from each file's own: cut back into pieces of
// the given lengths (an empty piece has no comma), or undefined if they do not fit.
function cut(text: string, lengths: number[]): string[] | undefined {
  if (text[0] !== '[' || text[text.length - 1] !== ']') return undefined;
  const out: string[] = [];
  let at = 1;
  let any = false;
  for (const n of lengths) {
    if (n && any) {
      if (text[at] !== ',') return undefined;
      at++;
    }
    if (n) any = true;
    out.push(text.slice(at, at + n));
    at += n;
  }
  return at === text.length - 1 ? out : undefined;
}

export class Cache {
  readonly dir: string;
  private path: string;
  constructor(root: string, kbRealPath: string, version: string) {
    this.dir = join(root, hash(`${FORMAT}\0${version}\0${kbRealPath}`));
    this.path = join(this.dir, 'store');
  }

  // The cached KB when the store is complete and was built from exactly these files, unchanged.
  fresh(files: KbFileInfo[]): Snapshot | undefined {
    const store = StoreFile.open(this.path, isManifest);
    const m = store?.header as Manifest | undefined;
    if (!store || !m?.complete || m.counts.files !== files.length || m.kb !== kbKey(files)) return undefined;
    return new Snapshot(store, m, files, new ShapeChecked(join(this.dir, 'checked'), store.id));
  }

  // Every KB file the store holds, by key, for a rebuild to reuse; nothing if any part of the
  // store fails its checks. `thorough` also checks what a rebuild would otherwise copy unread
  // (the search segment): after a query found the store wrong, nothing is taken on trust.
  previous(thorough: boolean): Previous | undefined {
    const store = StoreFile.open(this.path, isManifest);
    if (!store) return undefined;
    const m = store.header as Manifest;
    // A section that passed its shape check in this store, and its checksum now, is not checked
    // again (snapshot.ts); `thorough` trusts no record.
    const checked = thorough ? undefined : new ShapeChecked(join(this.dir, 'checked'), store.id);
    const entries = parseJson(store.text('index'));
    if (!Array.isArray(entries) || !entries.every(isEntry)) return undefined;
    const records: Record<Section, unknown[][]> = { sources: [], entities: [], claims: [] };
    const texts: Partial<Record<Section | 'search', string[]>> = {};
    for (const [i, s] of SECTION_NAMES.entries()) {
      const text = store.text(s);
      const all = parseJson(text);
      if (!Array.isArray(all) || all.length !== m.counts[s]) return undefined;
      if (!checked?.has(s) && !all.every(SHAPES[s])) return undefined;
      const pieces = cut(
        text!,
        entries.map((e) => e.chars[i]),
      );
      if (!pieces) return undefined;
      texts[s] = pieces;
      let at = 0;
      for (const e of entries) {
        records[s].push(all.slice(at, at + e.counts[i]));
        at += e.counts[i];
      }
      if (at !== all.length) return undefined;
    }
    const search = store.text('search');
    const pieces =
      search === undefined
        ? undefined
        : cut(
            search,
            entries.map((e) => e.chars[3]),
          );
    if (!pieces || pieces.some((p) => !p)) return undefined;
    if (thorough) {
      const parts = parseJson(search);
      if (!Array.isArray(parts) || parts.length !== entries.length || !parts.every(isSearchPart)) return undefined;
    }
    texts.search = pieces;
    const files = new Map<string, Cached>();
    entries.forEach((e, i) => {
      files.set(e.key, {
        records: {
          sources: records.sources[i],
          entities: records.entities[i],
          claims: records.claims[i],
        } as FileRecords,
        warnings: e.warnings,
        text: {
          sources: texts.sources![i],
          entities: texts.entities![i],
          claims: texts.claims![i],
          search: texts.search![i],
        },
      });
    });
    return { files, keys: entries.map((e) => e.key), complete: m.complete, kb: m.kb };
  }

  // Writes the store: the files without errors of their own (a file with errors is re-read until
  // it is mended), complete when the KB as a whole has no error. Each file's text in a segment
  // is made, or taken from the old store, as the segment is written.
  write(
    files: KbFileInfo[],
    results: { info: KbFileInfo; records: FileRecords; problems: Problem[]; cached?: Cached }[],
    problems: Problem[],
    complete: boolean,
  ): void {
    const kept = results.filter((r) => !r.problems.some((p) => p.severity === 'error'));
    const entries: Entry[] = kept.map((r) => ({
      key: keyOf(r.info),
      counts: SECTION_NAMES.map((s) => r.records[s].length),
      chars: [0, 0, 0, 0],
      warnings: r.problems.map(({ file, ...p }) => p),
    }));
    const at = new Map(files.map((f, i) => [f.path, i]));
    // The segments whose every record is known to have the shape a reader checks: records made
    // here and checked as they are written, or taken from the old store, where previous() checked
    // them. A search part copied from the old store unread is not known: its first reader checks it.
    const shaped = new Set<string>(['index']);
    mkdirSync(this.dir, { recursive: true });
    const w = new StoreWriter(this.path);
    let id: string;
    try {
      for (const [j, s] of SEGMENT_PARTS.entries()) {
        w.begin(s);
        w.put('[');
        let any = false;
        let ok = true;
        kept.forEach((r, i) => {
          let text = r.cached?.text[s];
          if (text !== undefined) {
            if (s === 'search') ok = false;
          } else if (s === 'search') {
            const part = searchPart(r.records);
            ok &&= isSearchPart(part);
            text = ascii(JSON.stringify(part));
          } else {
            ok &&= r.records[s].every(SHAPES[s]);
            text = ascii(JSON.stringify(r.records[s]).slice(1, -1));
          }
          // Lengths are of the text as stored, in ASCII (store.ts), as a reader cuts it.
          entries[i].chars[j] = text.length;
          if (!text) return;
          if (any) w.put(',');
          w.put(text);
          any = true;
        });
        w.put(']');
        w.end();
        if (ok) shaped.add(s);
      }
      // The role claims again, on their own: organisations listed with their people read these
      // and not every claim (at 100,000 records, 20 MB of JSON against a few KB).
      const roles = kept.flatMap((r) => r.records.claims.filter(isRoleClaim));
      w.begin('roles');
      w.put(ascii(JSON.stringify(roles)));
      w.end();
      if (shaped.has('claims')) shaped.add('roles');
      w.begin('index');
      w.put(ascii(JSON.stringify(entries)));
      w.end();
      id = w.finish({
        kb: kbKey(files),
        complete,
        counts: {
          sources: sum(entries, 0),
          entities: sum(entries, 1),
          claims: sum(entries, 2),
          roles: roles.length,
          files: files.length,
        },
        warnings: complete ? problems.map(({ file, ...p }) => ({ ...p, at: at.get(file) ?? 0 })) : [],
      } satisfies Omit<Manifest, 'segments'>);
    } catch (e) {
      w.abort();
      throw e;
    }
    // So that no query after a rebuild pays for the shape check, or writes to the cache.
    new ShapeChecked(join(this.dir, 'checked'), id).add(...shaped);
  }

  // Beside the store and its record of shape checks, only temporary files of a process killed
  // mid-write are ever there, never read: remove those older than a minute (younger ones may be
  // another process's work in progress).
  sweep(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    const old = Date.now() - 60_000;
    for (const n of names) {
      if (n === 'store' || n === 'checked') continue;
      const p = join(this.dir, n);
      try {
        if (statSync(p).mtimeMs < old) rmSync(p, { force: true });
      } catch {
        // another process swept it first, or it is a folder nobody asked for
      }
    }
  }
}

// The shape of what the cache holds: a hash of the sources that define it, set by the build,
// so a build that changes the records' shape never reads an older layout.
declare const __AIGC_CACHE_FORMAT__: string;
const FORMAT = typeof __AIGC_CACHE_FORMAT__ === 'string' ? __AIGC_CACHE_FORMAT__ : 'dev';
