// Shared by the landscape tests: writing the page in-process, and reading back what it embeds.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/main.js';
import { cli, fixture, freshCache, type Ran } from './helpers.js';

export const HOSTILE = fixture('landscape-hostile');

const made: string[] = [];
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aigc-landscape-'));
  made.push(dir);
  return dir;
}
// For afterAll: the folders tempDir made.
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

// The in-process CLI run from another working folder, so that what a relative --out (such as
// `-` taken for a name) would write lands there and not in the checkout. (test/helpers.ts's cli()
// runs from the checkout only.)
export async function cliIn(cwd: string, args: string[]): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false, columns: 120 },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: { XDG_CACHE_HOME: freshCache() },
    cwd,
  });
  return { code, stdout, stderr };
}

// Writes the page of a KB (the shipped one by default) into a fresh folder.
export async function writePage(kb?: string): Promise<{ file: string; html: string; ran: Ran }> {
  const file = join(tempDir(), 'landscape.html');
  const ran = await cli([...(kb ? ['--kb', kb] : []), 'landscape', '--out', file]);
  if (ran.code !== 0) throw new Error(`aigc landscape failed (${ran.code}): ${ran.stderr}`);
  return { file, html: readFileSync(file, 'utf8'), ran };
}

const DATA = /<script type="application\/json" id="landscape-data">([\s\S]*?)<\/script>/;

// The JSON block as the page's script reads it.
export function embedded(html: string): any {
  const m = DATA.exec(html);
  if (!m) throw new Error('no landscape-data block in the page');
  return JSON.parse(m[1]);
}

// The inline blocks of one tag: what the page's Content-Security-Policy hashes must admit.
export function blocks(html: string, tag: 'script' | 'style'): { attrs: string; body: string }[] {
  return [...html.matchAll(new RegExp(`<${tag}(\\b[^>]*)>([\\s\\S]*?)</${tag}>`, 'gi'))].map((m) => ({
    attrs: m[1],
    body: m[2],
  }));
}
