// Loading the KB: from the cache's snapshot when it is fresh, else by building the changed
// files (importing the validator only then) and checking the whole. Returns data and
// notices; never prints.
import { KbInvalidError, type Problem } from '../errors.js';
import { cacheRoot } from '../cacheroot.js';
import { Cache, type Cached, kbKey, keyOf, type Previous } from './cache.js';
import type { Snapshot } from './snapshot.js';
import { findKbFiles, type KbFileInfo } from './files.js';
import { Kb } from '../query/kb.js';
import type { Section } from '../model.js';
import type { FileRecords } from './validate.js';

export interface LoadOptions {
  kbDir: string;
  cwd: string;
  env: Record<string, string | undefined>;
  cache: boolean;
  // The cache was found wrong (or replaced) while a command read it: rebuild it, checking
  // everything taken from the old one.
  refresh?: boolean;
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
  parts(): Part[]; // the records file by file, to locate one again when a check needs to
  warnings: Problem[];
  notices: string[]; // about the tool itself (the cache), not the data
}

// A part of the cache failed its checks (or another process replaced the store) after the
// command had begun; the entry runs the command again with a rebuild. Commands print nothing
// until they return, so a rerun is safe.
export class StaleCacheError extends Error {}

export async function loadKb(o: LoadOptions): Promise<Loaded> {
  const { root, files, problems: refused } = findKbFiles(o.kbDir, o.cwd);
  const cacheDir = o.cache ? cacheRoot(o.env) : undefined;
  const cache = cacheDir ? new Cache(cacheDir, root, o.version) : undefined;
  // A link refused at the walk is no file of the KB, so the store cannot know of it.
  const warm = o.refresh || refused.length ? undefined : cache?.fresh(files);
  if (warm) return fromSnapshot(warm, files);

  const { buildFile, crossCheck, sortProblems } = await import('./build.js');
  const old = cache?.previous(Boolean(o.refresh));
  const results = files.map((f, i) => {
    const cached: Cached | undefined = old?.files.get(keyOf(f));
    o.onProgress?.(i + 1, files.length);
    return cached
      ? { info: f, records: cached.records, problems: cached.warnings.map((w) => ({ ...w, file: f.path })), cached }
      : { ...buildFile(f), cached: undefined };
  });
  const problems = sortProblems(
    [...refused, ...results.flatMap((r) => r.problems), ...crossCheck(results)],
    files.map((f) => f.path),
  );
  const errors = problems.filter((p) => p.severity === 'error');
  const notices: string[] = [];
  if (cache) {
    try {
      cache.sweep();
      if (!old || changed(old, files, results, !errors.length)) cache.write(files, results, problems, !errors.length);
    } catch (e) {
      notices.push(
        `cannot write the cache in ${cache.dir} (${(e as NodeJS.ErrnoException).code ?? 'error'}); working without it`,
      );
    }
  }
  if (errors.length) throw new KbInvalidError(problems);
  return { kb: Kb.from(results.map((r) => r.records)), parts: () => results, warnings: problems, notices };
}

// Whether the store would hold anything new: a file read afresh, one gone, or the KB now valid
// (or no longer). A KB whose one bad file is re-read on every run does not rewrite the store.
function changed(
  old: Previous,
  files: KbFileInfo[],
  results: { info: KbFileInfo; problems: { severity: string }[]; cached?: Cached }[],
  complete: boolean,
): boolean {
  if (old.complete !== complete || old.kb !== kbKey(files)) return true;
  const kept = results.filter((r) => !r.problems.some((p) => p.severity === 'error'));
  return kept.length !== old.keys.length || kept.some((r, i) => !r.cached || keyOf(r.info) !== old.keys[i]);
}

function fromSnapshot(snap: Snapshot, files: KbFileInfo[]): Loaded {
  const section =
    <T>(name: Section) =>
    () =>
      snap.section<T>(name) ?? stale();
  const kb = new Kb({
    sources: section('sources'),
    entities: section('entities'),
    claims: section('claims'),
    search: () => snap.searchParts() ?? stale(),
    roles: () => snap.roles() ?? stale(),
  });
  let parts: Part[] | undefined;
  const allParts = () => (parts ??= (snap.parts() ?? stale()).map((records, i) => ({ info: files[i], records })));
  return { kb, parts: allParts, warnings: snap.warnings, notices: [] };
}

function stale(): never {
  throw new StaleCacheError('the cache failed its checks while it was read');
}
