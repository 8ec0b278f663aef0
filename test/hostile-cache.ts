// A knowledge base whose text `validate` refuses (escape sequences, C1 controls: the loader takes
// no control character but tab, line feed and carriage return) made readable all the same, as
// someone who can write the cache folder could make it: the KB is validated with each refused
// character written as a marker, then every store in the cache is rewritten with the characters
// themselves and every checksum made to fit. The output's own defences (escaping for a terminal,
// exact JSON) are then tested on text that got past the loader's.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { StoreFile, StoreWriter } from '../src/load/store.js';
import { bin, cli, ROOT } from './helpers.js';

// What the loader refuses in text (src/load/chars.ts), written out again here.
const REFUSED = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;
// ⟦1b⟧: text to the loader, and a word break to search; in a store (ASCII JSON) it reads
// \u27e61b\u27e7, which becomes the JSON escape of the character itself.
const mark = (c: string) => `⟦${c.charCodeAt(0).toString(16).padStart(2, '0')}⟧`;
const MARKED = /\\u27e6([0-9a-f]{2})\\u27e7/g;

function marked(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(REFUSED, mark);
  if (Array.isArray(v)) return v.map(marked);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, marked(x)]));
  return v;
}

function stores(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? stores(join(dir, e.name)) : e.name === 'store' ? [join(dir, e.name)] : [],
  );
}

// The KB folder and the cache (for the CLI in-process and for the binary) that serve the text of
// `fixtureDir`'s kb.yaml as it is written there.
export async function hostileKb(fixtureDir: string): Promise<{ kb: string; env: { XDG_CACHE_HOME: string } }> {
  const dir = mkdtempSync(join(tmpdir(), 'aigc-hostile-cache-'));
  const kb = join(dir, 'kb');
  mkdirSync(kb);
  const data = parse(readFileSync(join(ROOT, fixtureDir, 'kb.yaml'), 'utf8'));
  writeFileSync(join(kb, 'kb.yaml'), stringify(marked(data)));
  const env = { XDG_CACHE_HOME: join(dir, 'cache') };
  const inProcess = await cli(['--kb', kb, 'validate'], { env });
  const binary = bin(['--kb', kb, 'validate'], env);
  for (const r of [inProcess, binary])
    if (r.code !== 0) throw new Error(`the marked KB does not validate: ${r.stderr}`);
  for (const file of stores(env.XDG_CACHE_HOME)) {
    const store = StoreFile.open(file, () => true);
    if (!store) throw new Error(`no store at ${file}`);
    const { segments, ...header } = store.header;
    const w = new StoreWriter(file);
    for (const name of Object.keys(segments)) {
      w.begin(name);
      w.put(store.text(name)!.replace(MARKED, '\\u00$1'));
      w.end();
    }
    w.finish(header);
  }
  return { kb, env };
}
