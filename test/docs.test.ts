// Every command is documented: a description, examples in its --help, and a place in the README.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/program.js';
import { run } from '../src/main.js';
import { bin, cli, ROOT } from './helpers.js';

const program = buildProgram({
  version: '0',
  width: 80,
  writeOut: () => {},
  writeErr: () => {},
  makeCtx: () => ({}) as never,
  done: () => {},
});
// Hidden commands (__complete, which completion scripts call) are not for people to type.
const names = program.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden).map((c) => c.name());
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('documentation', () => {
  it('knows the commands', () => {
    expect(names.length).toBeGreaterThanOrEqual(17);
    expect(names).not.toContain('__complete');
  });

  it.each(names)('%s has a description, examples and a README entry', async (name) => {
    const cmd = program.commands.find((c) => c.name() === name)!;
    expect(cmd.description().length).toBeGreaterThan(10);
    const help = await cli([name, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:\n\s+\$ aigc /);
    expect(readme).toContain(`aigc ${name}`);
  });

  it('the README gives the install and test commands that CI runs', () => {
    expect(readme).toContain('npm install && npx aigc companies --segment video');
    expect(readme).toContain('npm install && npm test');
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toContain('npm install && npm test');
  });

  it('the README documents every exit code the tool uses', async () => {
    const { EXIT } = await import('../src/errors.js');
    for (const code of new Set(Object.values(EXIT))) expect(readme).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });
});

describe('the answers given before the CLI loads', () => {
  it('--help off a terminal is the text the CLI renders', async () => {
    let help = '';
    const code = await run(['--help'], {
      stdout: { write: (s: string) => (help += s), isTTY: false },
      stderr: { write: () => {} },
      env: {},
      cwd: ROOT,
    });
    expect(code).toBe(0);
    expect(bin(['--help']).stdout).toBe(help);
    expect(bin(['-h']).stdout).toBe(help);
  });

  it('--version is the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(bin(['-V'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

// The README's examples are real: each one shown in full (no "...", no table drawn for a
// terminal) is run and its output compared, so the examples cannot drift from the tool.
// Every code block of the README, not only the Examples section. A command that writes a file
// (--out) is left out: run from the checkout, a second run would find its own file.
describe('README examples', () => {
  const block = [...readme.matchAll(/^```\n([\s\S]*?)^```$/gm)].map((m) => `${m[1]}\`\`\``).join('\n');
  const examples = block
    .split(/\n(?=\$ aigc )/)
    .filter((e) => e.startsWith('$ aigc '))
    .map((e) => {
      const [command, ...out] = e
        .replace(/\n```[\s\S]*$/, '')
        .trimEnd()
        .split('\n');
      return { command: command.slice(2), out: out.join('\n') };
    })
    .filter((e) => !/\.\.\.|┌|^\[/m.test(e.out) && !/\| (?!cat$)/.test(e.command) && !/ --out /.test(e.command));

  it('shows several complete examples', () => expect(examples.length).toBeGreaterThanOrEqual(4));

  it.each(examples)('$command', ({ command, out }) => {
    const args = [...command.replace(/ \| cat$/, '').matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)]
      .map((m) => m[1] ?? m[2] ?? m[3])
      .slice(1);
    const r = bin(args);
    expect((r.stdout + r.stderr).trimEnd()).toBe(out);
  });
});
