// npm run docs: rewrites the generated sections of README.md and docs/*.md from the code (the
// generators are in scripts/docs/sections.ts); `npm run docs -- --check` only lists the sections
// that have drifted, and exits 1 if any has.
//
// The generators import the TypeScript sources, so esbuild bundles them first (Node 20 cannot
// run TypeScript), into a temporary file under node_modules/.cache, where the packages they
// import (left out of the bundle) resolve; it is removed afterwards.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const cache = join(root, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'aigc-docs-'));
let docs;
try {
  const outfile = join(dir, 'sections.mjs');
  await build({
    entryPoints: [join(root, 'scripts/docs/sections.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  docs = await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

let drifted = 0;
for (const page of docs.pages(root)) {
  const text = readFileSync(join(root, page), 'utf8');
  const fresh = docs.regenerate(root, page, text);
  if (fresh === text) continue;
  const old = new Map(docs.sectionsOf(page, text).map((s) => [s.name, s.text]));
  const changed = docs.sectionsOf(page, fresh).filter((s) => old.get(s.name) !== s.text);
  drifted += changed.length;
  if (check) for (const s of changed) console.error(`${page}:${s.line}: section ${s.name} is out of date`);
  else {
    writeFileSync(join(root, page), fresh);
    console.error(`${page}: rewrote ${changed.map((s) => s.name).join(', ')}`);
  }
}
if (check && drifted) {
  console.error(`${drifted} generated section(s) out of date: run npm run docs`);
  process.exitCode = 1;
} else if (!drifted) console.error('every generated section is up to date');
