// The sqlite3 shell, Debian's native build: it reads an exported database independently of the
// WebAssembly SQLite that wrote it, as a user's sqlite3 or Datasette would.
import { spawnSync } from 'node:child_process';
import { describe } from 'vitest';

const present = spawnSync('sqlite3', ['--version']).status === 0;

// Skipped where sqlite3 is missing, but failing under CI, whose script installs it.
export const describeSqlite3 = present || process.env.CI ? describe : describe.skip;

// What the shell prints for `sql`, in its default mode or another (`-json`, ...).
export function sqlite3Text(file: string, sql: string, mode = '-list'): string {
  const r = spawnSync('sqlite3', ['-readonly', '-bail', mode, file, sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 failed (${r.status ?? r.error}): ${r.stderr}`);
  return r.stdout;
}

// The rows of one statement, as sqlite3's JSON mode prints them (nothing for no rows).
export function sqlite3(file: string, sql: string): Record<string, any>[] {
  const out = sqlite3Text(file, sql, '-json');
  return out.trim() ? JSON.parse(out) : [];
}

export const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
