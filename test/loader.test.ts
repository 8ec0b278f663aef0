import { describe, expect, it } from 'vitest';
import { cli, fixture } from './helpers.js';

// Every problem in every file, located; asserted exactly.
const cases: [string, string[]][] = [
  [
    'broken-yaml',
    [
      'test/fixtures/broken-yaml/a.yaml:4:11: a quoted string is never closed (missing ")',
      'test/fixtures/broken-yaml/b.yaml:5:5: duplicate key `name`: a mapping holds each key once',
    ],
  ],
  [
    'schema-errors',
    [
      'test/fixtures/schema-errors/kb.yaml:6:16: source `src`: `published` must be a date: YYYY, YYYY-MM or YYYY-MM-DD',
      'test/fixtures/schema-errors/kb.yaml:11:11: entity `acme`: `type` must be one of `company`, `investor`, `organisation`, `person`, `product`, `segment` (did you mean `company`?)',
      'test/fixtures/schema-errors/kb.yaml:13:5: entity `acme`: unknown field `aliasses` (did you mean `aliases`?)',
      'test/fixtures/schema-errors/kb.yaml:14:5: entity `Bad Id`: missing required field `name`',
      'test/fixtures/schema-errors/kb.yaml:14:9: entity `Bad Id`: `id` must be a lowercase slug (a-z, 0-9, single - or . between)',
      'test/fixtures/schema-errors/kb.yaml:16:5: entity: missing required field `id`',
      'test/fixtures/schema-errors/kb.yaml:24:16: claim `f-one`: `paragraph` must be a number, not a string',
    ],
  ],
  [
    'dangling-refs',
    [
      'test/fixtures/dangling-refs/kb.yaml:17:16: unknown segment `video-generaton` (did you mean `video-generation`?)',
      'test/fixtures/dangling-refs/kb.yaml:21:15: `shared alias` names both `acme` and `beta`',
      'test/fixtures/dangling-refs/kb.yaml:22:16: `acme` is a company, not a segment',
      'test/fixtures/dangling-refs/kb.yaml:27:33: unknown entity `acmee` (did you mean `acme`?)',
      'test/fixtures/dangling-refs/kb.yaml:31:9: unknown speaker `lidi` (did you mean `li-di`?)',
      'test/fixtures/dangling-refs/kb.yaml:34:13: unknown source `srcc` (did you mean `src`?)',
      'test/fixtures/dangling-refs/kb.yaml:36:5: duplicate id `acme`: already used by a company at test/fixtures/dangling-refs/kb.yaml:13:5',
    ],
  ],
];

describe('validate reports every problem, located', () => {
  it.each(cases)('%s', async (name, expected) => {
    const r = await cli(['validate', '--kb', fixture(name)]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.slice(0, -1)).toEqual(expected);
    expect(lines.at(-1)).toBe(`${expected.length} errors, 0 warnings`);
  });

  it.each(cases)('%s --json gives the same problems as an array', async (name, expected) => {
    const r = await cli(['validate', '--json', '--kb', fixture(name)]);
    expect(r.code).toBe(3);
    const problems = JSON.parse(r.stdout) as {
      file: string;
      line: number;
      col: number;
      message: string;
      severity: string;
    }[];
    expect(problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`)).toEqual(expected);
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it('a query on an invalid KB exits 3 with the problems on stderr and nothing on stdout', async () => {
    const r = await cli(['companies', '--kb', fixture('dangling-refs')]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('kb.yaml:31:9: unknown speaker `lidi`');
    expect(r.stderr).toMatch(/knowledge base is invalid: 7 errors/);
  });

  it('a valid KB validates with no problems, and its quotes match the source text', async () => {
    const r = await cli([
      'validate',
      '--kb',
      fixture('valid'),
      '--source-text',
      `feature-2023=${fixture('valid')}/source.txt`,
    ]);
    expect(r.stderr).toMatch(
      /^ok: 1 source, 12 entities, 9 claims, no problems; checked against the text: 2 quotes and 1 date basis of feature-2023\n$/,
    );
    expect(r.code).toBe(0);
  });
});
