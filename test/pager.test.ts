// The pager: on a terminal, output taller than the screen goes to $AIGC_PAGER, else $PAGER,
// else less -FRX; --no-pager, an empty pager or cat, and a stdout that is not a terminal print
// straight through; a pager that quits early ends the run quietly. In-process with a pager that
// writes to a file, then for real with less in tmux.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pagerCommand } from '../src/output/emit.js';
import { cli } from './helpers.js';
import { itWith, type Terminal, terminal } from './tmux.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'aigc-pager-')), 'paged');
const screen = { tty: true, columns: 100, rows: 24 };

describe('which pager', () => {
  it.each([
    [{}, 'less -FRX'],
    [{ PAGER: 'more' }, 'more'],
    [{ PAGER: 'more', AIGC_PAGER: 'most -s' }, 'most -s'],
    [{ PAGER: 'more', AIGC_PAGER: '' }, undefined],
    [{ PAGER: ' cat ' }, undefined],
    [{ PAGER: '' }, undefined],
  ])('%j: %s', (env, command) => {
    expect(pagerCommand(env)).toBe(command);
  });
});

describe('paging in-process', () => {
  it('output taller than the screen goes through the pager, in colour', async () => {
    const to = file();
    const r = await cli(['claims'], { ...screen, env: { AIGC_PAGER: `cat > ${to}` } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const paged = readFileSync(to, 'utf8');
    expect(paged).toMatch(/\x1b\[/);
    const plain = await cli(['claims', '--no-pager'], { ...screen });
    expect(paged).toBe(plain.stdout);
  });

  it('$PAGER when $AIGC_PAGER is not set', async () => {
    const to = file();
    await cli(['claims'], { ...screen, env: { PAGER: `cat > ${to}` } });
    expect(readFileSync(to, 'utf8')).toContain('│');
  });

  it('no pager for output that fits, with --no-pager, or off a terminal', async () => {
    for (const [args, o] of [
      [['companies', '--segment', 'video'], { ...screen, rows: 200 }],
      [['claims', '--no-pager'], screen],
      [['claims'], { ...screen, tty: false }],
      [['claims'], { ...screen, rows: undefined }],
    ] as const) {
      const to = file();
      const r = await cli([...args], { ...o, env: { AIGC_PAGER: `cat > ${to}` } });
      expect(r.stdout).not.toBe('');
      expect(existsSync(to)).toBe(false);
    }
  });

  it('without less on PATH, the default pager is skipped and the output printed', async () => {
    const r = await cli(['claims'], { ...screen, env: { PATH: mkdtempSync(join(tmpdir(), 'aigc-no-less-')) } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await cli(['claims', '--no-pager'], screen)).stdout);
  });

  it('a pager that quits at once ends the run quietly', async () => {
    for (const pager of ['true', 'head -c 1 >/dev/null', 'exit 3']) {
      const r = await cli(['claims'], { ...screen, env: { AIGC_PAGER: pager } });
      expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });
});

describe('paging in a real terminal', () => {
  let t: Terminal | undefined;
  afterEach(() => t?.close());
  const start = () => {
    t = terminal({ width: 100, height: 24 });
    // Warm the cache, so that no progress line shows.
    t.keys('aigc stats > /dev/null; clear', 'Enter');
    return t;
  };

  itWith('tmux', 'less')('`aigc claims` opens less, in colour; q ends it quietly with exit 0', () => {
    const t = start();
    t.keys('aigc claims', 'Enter');
    t.until(/^:\s*$/m);
    expect(t.screen({ escapes: true })).toMatch(/\x1b\[1m\x1b\[36mid/);
    expect(t.screen()).toMatch(/^id +│ e-/m);
    t.keys('q');
    t.keys('echo "rc=$?"', 'Enter');
    const after = t.until(/^rc=\d+$/m);
    expect(after).toMatch(/^rc=0$/m);
    expect(after).not.toMatch(/EPIPE|rror/);
  });

  itWith('tmux', 'less')('`aigc claims | cat` prints TSV, `--no-pager` prints straight through', () => {
    const t = start();
    t.keys('aigc claims | cat -A | head -2', 'Enter');
    t.until(/^id\^Ikind\^Iabout\^Iby\^Itext/m);
    t.keys('clear; aigc claims --no-pager; echo "rc=$?"', 'Enter');
    const s = t.until(/^rc=\d+$/m);
    expect(s).toMatch(/^rc=0$/m);
    expect(s).not.toMatch(/^:\s*$/m);
  });

  itWith('tmux', 'less')('Ctrl-C in the pager: the pager gives the terminal back, the run ends by the signal', () => {
    const t = start();
    t.keys('aigc claims', 'Enter');
    t.until(/^:\s*$/m);
    t.keys('C-c');
    t.keys('q');
    t.keys('echo "rc=$?"', 'Enter');
    const after = t.until(/^rc=\d+$/m);
    expect(after).toMatch(/^rc=130$/m);
    expect(after).not.toMatch(/rror|at \S+ \(/);
  });
});
