// Shared by the landscape tests: writing the page in-process, and reading back what it embeds.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, fixture, type Ran } from './helpers.js';

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
  return [...html.matchAll(new RegExp(`<${tag}(\\b[^>]*)>([\\s\\S]*?)</${tag}>`, 'gi'))].map((m) => ({ attrs: m[1], body: m[2] }));
}
