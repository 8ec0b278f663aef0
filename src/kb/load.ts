// Loading the KB: from the cache when it is fresh, else by building the changed files
// (lazily importing the validator) and checking the whole. Returns data and notices;
// never prints.
import { KbInvalidError, type Problem } from '../errors.js';
import { Cache, cacheRoot } from './cache.js';
import { findKbFiles, type KbFileInfo } from './files.js';
import { Kb } from './kb.js';
import type { FileRecords } from './validate.js';

export interface LoadOptions {
  kbDir: string;
  cwd: string;
  env: Record<string, string | undefined>;
  cache: boolean;
  version: string;
  // Called as a rebuild reads each file.
  onProgress?: (done: number, total: number) => void;
}

export interface Part {
  info: KbFileInfo;
  records: FileRecords;
}

export interface Loaded {
  kb: Kb;
  parts: Part[]; // the records file by file, to locate one again when a check needs to
  warnings: Problem[];
  notices: string[]; // about the tool itself (the cache), not the data
  fromCache: boolean;
}

export async function loadKb(o: LoadOptions): Promise<Loaded> {
  const { root, files } = findKbFiles(o.kbDir, o.cwd);
  const notices: string[] = [];
  const cache = o.cache ? new Cache(cacheRoot(o.env), root, o.version) : undefined;
  const warm = cache?.fresh(files);
  if (warm) {
    const parts = warm.map((c, i) => ({ info: files[i], records: c.records }));
    return { kb: Kb.from(warm.map((c) => c.records)), parts, warnings: warm.flatMap((c) => c.warnings), notices, fromCache: true };
  }

  const { buildFile, crossCheck, sortProblems } = await import('./build.js');
  const fresh: boolean[] = [];
  const results = files.map((f, i) => {
    const c = cache?.file(f);
    fresh.push(!c);
    o.onProgress?.(i + 1, files.length);
    return c ? { info: f, records: c.records, problems: c.warnings } : buildFile(f);
  });
  const problems = sortProblems(
    [...results.flatMap((r) => r.problems), ...crossCheck(results)],
    files.map((f) => f.path),
  );
  const errors = problems.filter((p) => p.severity === 'error');
  if (cache) {
    try {
      cache.sweep();
      // A file with errors of its own is not cached: it is re-read until it is mended.
      results.forEach((r, i) => fresh[i] && !r.problems.some((p) => p.severity === 'error') && cache.writeFile(r.info, r.records, r.problems));
      if (!errors.length) cache.writeManifest(files);
    } catch (e) {
      notices.push(`cannot write the cache in ${cache.dir} (${(e as NodeJS.ErrnoException).code ?? 'error'}); working without it`);
    }
  }
  if (errors.length) throw new KbInvalidError(problems);
  return { kb: Kb.from(results.map((r) => r.records)), parts: results, warnings: problems, notices, fromCache: false };
}

export type { FileRecords };
