// `aigc source attach` and `detach`, and the one-off copy of `validate --source-text`: a user's
// copy of a source's text, read as an untrusted file and checked against the fingerprint the
// source records before anything is kept or checked against it.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { RuntimeFailure, UsageError } from '../errors.js';
import type { Source } from '../load/schema.js';
import type { Kb } from '../query/kb.js';
import { didYouMean, shown } from '../text/suggest.js';
import { anchorsOf, canonical, difference, type SourceText, sameFingerprint, textOf } from './fingerprint.js';
import { readText } from './read.js';
import { sourceText, storeDir, storePath, type TextRun } from './store.js';

export function knownSource(kb: Kb, id: string): Source {
  const s = kb.source(id);
  if (s) return s;
  throw new UsageError(
    `unknown source "${shown(id)}"${didYouMean(
      id,
      kb.sources.map((x) => x.id),
    )}`,
  );
}

// The user's copy at `path` (as typed, from the working folder), which must be the source's
// text where the source records a fingerprint. Without one, `fingerprinted: false`.
export function readCopy(kb: Kb, source: Source, path: string, run: TextRun): SourceText & { fingerprinted: boolean } {
  const read = readText(resolve(run.cwd, path));
  if (!read.ok) throw new UsageError(`cannot read the text of ${source.id}: ${shown(path, 200)} (${read.why})`);
  const text = textOf(read.text);
  const want = source.text;
  if (!want) return { ...text, fingerprinted: false };
  if (sameFingerprint(text.fingerprint, want)) return { ...text, fingerprinted: true };
  // A copy already attached shows exactly where this one departs from it.
  const attached = sourceText(kb, source.id, run);
  const how = difference(want, text, {
    reference: attached.ok ? attached.paragraphs : undefined,
    anchors: anchorsOf(kb.claimsFrom(source.id), source.id),
  });
  throw new UsageError(`${shown(path, 200)} is not the text of ${source.id}: ${how}`);
}

export interface Attached {
  source: string;
  path: string; // where the copy is kept
  paragraphs: number;
}

export function attachText(kb: Kb, sourceId: string, path: string, run: TextRun): Attached {
  const source = knownSource(kb, sourceId);
  if (!source.text) {
    // Say what to record, so that an author can fingerprint the text they are citing.
    const read = readText(resolve(run.cwd, path));
    const fp = read.ok ? textOf(read.text).fingerprint : undefined;
    const record = fp ? `text: {sha256: ${fp.sha256}, paragraphs: ${fp.paragraphs}}` : 'text: {sha256, paragraphs}';
    throw new UsageError(
      `source \`${sourceId}\` records no fingerprint of its text, so a copy cannot be checked; if ${shown(path, 200)} is the text its claims cite, add to the source: ${record}`,
    );
  }
  const text = readCopy(kb, source, path, run);
  const target = storePath(run.env, source.text.sha256);
  if (!target) throw new UsageError('no place to keep texts: set XDG_DATA_HOME or HOME, or use --texts DIR instead');
  // Written whole under a temporary name, then renamed: a reader never sees half a text.
  const temp = `${dirname(target)}/.${source.text.sha256}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(temp, canonical(text.paragraphs), { mode: 0o600, flag: 'wx' });
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new RuntimeFailure(`cannot keep the text in ${shown(dirname(target), 200)} (${code(e)})`);
  }
  return { source: sourceId, path: target, paragraphs: text.paragraphs.length };
}

export interface Detached {
  source: string;
  path?: string; // the copy removed, if there was one
  dir?: string; // the store
}

export function detachText(kb: Kb, sourceId: string, run: TextRun): Detached {
  const source = knownSource(kb, sourceId);
  const dir = storeDir(run.env);
  const target = source.text && storePath(run.env, source.text.sha256);
  if (!target) return { source: sourceId, dir };
  try {
    rmSync(target);
    return { source: sourceId, path: target, dir };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { source: sourceId, dir };
    throw new RuntimeFailure(`cannot remove ${shown(target, 200)} (${code(e)})`);
  }
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? 'error';
