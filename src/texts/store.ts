// Where a source's text is found, for any command (and for `aigc mcp`): the KB keeps only the
// fingerprint of a text it may have no right to copy; the user attaches their own copy. A copy
// is looked for in a --texts folder (or AIGC_TEXTS) as `<source-id>.txt`, then in the user's
// store, $XDG_DATA_HOME/aigc/texts/<sha256>.txt, where `aigc source attach` puts it, so that any
// KB whose source has that fingerprint finds it. Each is read as an untrusted file and used only
// when its fingerprint is the source's; a copy that differs is named in a warning and left alone.
import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { SLUG } from '../model.js';
import type { Kb } from '../query/kb.js';
import type { TextOrigin } from '../output/shapes.js';
import { shown } from '../text/suggest.js';
import { anchorsOf, difference, type SourceText, sameFingerprint, textOf } from './fingerprint.js';
import { readText } from './read.js';

export type { TextOrigin };

// What a lookup needs of the run: its environment, its working folder, and --texts as typed.
export interface TextRun {
  env: Record<string, string | undefined>;
  cwd: string;
  texts?: string; // --texts DIR; when absent, AIGC_TEXTS
}

export type TextFound = {
  ok: true;
  source: string;
  paragraphs: string[]; // paragraph N is paragraphs[N - 1]
  origin: TextOrigin;
  warnings: string[]; // copies found and refused on the way (a --texts file that differs)
};

export type TextMissing = {
  ok: false;
  source: string;
  // unknown-source: no such source; no-fingerprint: the source records no `text`, so no copy can
  // be checked; not-attached: no copy anywhere; refused: copies found, none with the fingerprint.
  reason: 'unknown-source' | 'no-fingerprint' | 'not-attached' | 'refused';
  message: string; // one sentence, with how to attach where that would help
  warnings: string[];
};

export type TextLookup = TextFound | TextMissing;

const SHA256 = /^[0-9a-f]{64}$/;

// $XDG_DATA_HOME/aigc/texts, else ~/.local/share/aigc/texts. The XDG specification ignores a
// relative XDG_DATA_HOME; with no home either, there is no store.
export function storeDir(env: TextRun['env']): string | undefined {
  const xdg = env.XDG_DATA_HOME;
  const home = env.HOME || env.USERPROFILE;
  const data = xdg && isAbsolute(xdg) ? xdg : home ? join(home, '.local', 'share') : undefined;
  return data && join(data, 'aigc', 'texts');
}

// The store's file for a fingerprint; undefined for a hash that is not one (from a cache file).
export function storePath(env: TextRun['env'], sha256: string): string | undefined {
  const dir = storeDir(env);
  return dir && SHA256.test(sha256) ? join(dir, `${sha256}.txt`) : undefined;
}

export function textsFolder(run: TextRun): string | undefined {
  const dir = run.texts ?? (run.env.AIGC_TEXTS || undefined);
  return dir && resolve(run.cwd, dir);
}

// How to attach a text, as the end of a sentence that says one is missing.
export function attachAdvice(sourceId: string): string {
  return `attach your copy once with \`aigc source attach ${sourceId} PATH\`, or name a folder of <source-id>.txt files with --texts DIR or AIGC_TEXTS=DIR`;
}

export function sourceText(kb: Kb, sourceId: string, run: TextRun): TextLookup {
  const warnings: string[] = [];
  const missing = (reason: TextMissing['reason'], message: string): TextMissing => ({
    ok: false,
    source: sourceId,
    reason,
    message,
    warnings,
  });
  const source = kb.source(sourceId);
  if (!source) return missing('unknown-source', `no source is called "${shown(sourceId)}"`);
  const want = source.text;
  if (!want)
    return missing(
      'no-fingerprint',
      `source \`${sourceId}\` records no fingerprint of its text (\`text: {sha256, paragraphs}\`), so no copy can be checked against it`,
    );
  const candidates: TextOrigin[] = [];
  const folder = textsFolder(run);
  if (folder && !isFolder(folder))
    warnings.push(`the texts folder ${shown(folder, 200)} (${run.texts ? '--texts' : 'AIGC_TEXTS'}) is not a folder`);
  else if (folder && SLUG.test(sourceId)) candidates.push({ from: 'folder', path: join(folder, `${sourceId}.txt`) });
  const stored = storePath(run.env, want.sha256);
  if (stored) candidates.push({ from: 'store', path: stored });
  let refused = false;
  for (const origin of candidates) {
    const read = readText(origin.path);
    // A folder need not hold every source; a store need not hold every text.
    if (!read.ok && read.why === 'no such file') continue;
    if (!read.ok) {
      refused = true;
      warnings.push(`cannot read ${shown(origin.path, 200)} (${read.why}); not used`);
      continue;
    }
    const text = textOf(read.text);
    if (sameFingerprint(text.fingerprint, want))
      return { ok: true, source: sourceId, paragraphs: text.paragraphs, origin, warnings };
    refused = true;
    const file = shown(origin.path, 200);
    if (origin.from === 'store')
      warnings.push(`${file} no longer holds the text its name fingerprints (changed since it was attached); not used`);
    else {
      const anchors = anchorsOf(kb.claimsFrom(sourceId), sourceId);
      warnings.push(`${file} is not the text of ${sourceId}: ${difference(want, text, { anchors })}; not used`);
    }
  }
  return refused
    ? missing('refused', `no copy of the text of ${sourceId} matches its fingerprint; ${attachAdvice(sourceId)}`)
    : missing('not-attached', `no text of ${sourceId} is attached; ${attachAdvice(sourceId)}`);
}

// A verified copy, for one run: the lookup as above, each source's once.
export function textShelf(kb: Kb, run: TextRun): (sourceId: string) => TextLookup {
  const seen = new Map<string, TextLookup>();
  return (id) => {
    let t = seen.get(id);
    if (!t) seen.set(id, (t = sourceText(kb, id, run)));
    return t;
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export type { SourceText };
