// gh-style output: --json FIELDS nested as in the record, --jq, --sort, --format csv,
// --no-headers and facets in every format, each checked against the full JSON or the YAML.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bin, cli, json } from './helpers.js';
import { yamlClaims } from './kb-yaml.js';

describe('--json FIELDS', () => {
  it('selects the fields named, and only those', async () => {
    const rows = json(await cli(['companies', '--json', 'id,name,segments']));
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(Object.keys(r).sort()).toEqual(['id', 'name', 'segments']);
    const full = json(await cli(['companies', '--json']));
    expect(rows).toEqual(full.map((r: any) => ({ id: r.id, name: r.name, segments: r.segments })));
  });

  it('keeps nesting, so jq reads .value.amount either way; through a list, each element', async () => {
    const some = json(await cli(['claims', '--kind', 'figure', '--json', 'id,value.amount,about.name']));
    const full = json(await cli(['claims', '--kind', 'figure', '--json']));
    expect(some).toEqual(
      full.map((r: any) => ({
        id: r.id,
        value: { amount: r.value.amount ?? null },
        about: r.about.map((a: any) => ({ name: a.name })),
      })),
    );
  });

  it('--fields with --json nests the same way (no flat "value.amount" key)', async () => {
    const a = json(await cli(['claims', '--kind', 'figure', '--fields', 'id,value.amount', '--json']));
    expect(a.every((r: any) => 'value' in r && !('value.amount' in r))).toBe(true);
  });

  it('an unknown field is a usage error that names the fields there are', async () => {
    const r = await cli(['companies', '--json', 'id,nmae']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown field "nmae" for --json \(did you mean `name`\?\); fields: id, type, name/);
  });
});

describe('--sort', () => {
  it('-value.amount lists the largest figures first, as the YAML has them', async () => {
    const rows = json(await cli(['claims', '--kind', 'figure', '--sort', '-value.amount', '--limit', '3', '--json']));
    const amounts = yamlClaims
      .filter((c) => c.kind === 'figure' && typeof c.value?.amount === 'number')
      .map((c) => c.value.amount)
      .sort((a, b) => b - a);
    expect(rows.map((r: any) => r.value.amount)).toEqual(amounts.slice(0, 3));
  });

  it('sorts by several fields, the first first; ties keep the listing order', async () => {
    const rows = json(await cli(['claims', '--sort', 'kind,-paragraph', '--json']));
    const keyed = rows.map((r: any) => [r.kind, -r.paragraph]);
    const again = [...keyed].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    expect(keyed).toEqual(again);
  });

  it('a row without the field comes last, ascending or descending', async () => {
    for (const order of ['when', '-when']) {
      const rows = json(await cli(['claims', '--sort', order, '--json']));
      const firstUndated = rows.findIndex((r: any) => r.when === null);
      expect(rows.slice(firstUndated).every((r: any) => r.when === null)).toBe(true);
    }
  });
});

describe('--format csv and --no-headers', () => {
  it("claims as CSV parse with Python's csv module into the rows of --json", async () => {
    const csvOut = bin(['claims', '--format', 'csv', '--fields', 'id,kind,text,paragraph,value.amount']).stdout;
    const py = spawnSync('python3', ['-c', 'import csv,sys,json; print(json.dumps(list(csv.reader(sys.stdin))))'], {
      input: csvOut,
      encoding: 'utf8',
    });
    const [head, ...rows] = JSON.parse(py.stdout);
    expect(head).toEqual(['id', 'kind', 'text', 'paragraph', 'value.amount']);
    const full = json(await cli(['claims', '--json']));
    expect(rows).toEqual(
      full.map((r: any) => [
        r.id,
        r.kind,
        /^[=+\-@\t\r]/.test(r.text) ? `'${r.text}` : r.text,
        String(r.paragraph),
        r.value?.amount === undefined ? '' : String(r.value.amount),
      ]),
    );
  });

  it('--no-headers drops the header line of TSV and CSV, and nothing else', async () => {
    const tsv = (await cli(['companies', '--fields', 'id,name'])).stdout.split('\n');
    expect((await cli(['companies', '--fields', 'id,name', '--no-headers'])).stdout.split('\n')).toEqual(tsv.slice(1));
    const csv = (await cli(['companies', '--fields', 'id,name', '--format', 'csv'])).stdout.split('\r\n');
    expect(
      (await cli(['companies', '--fields', 'id,name', '--format', 'csv', '--no-headers'])).stdout.split('\r\n'),
    ).toEqual(csv.slice(1));
  });
});

describe('--facet in every format', () => {
  it.each([['tsv'], ['csv'], ['jsonl']])(
    '%s: the rows on stdout as without --facet, the counts on stderr',
    async (f) => {
      const plain = await cli(['companies', '--format', f]);
      const faceted = await cli(['companies', '--format', f, '--facet', 'type']);
      expect(faceted.stdout).toBe(plain.stdout);
      const counts = json(await cli(['companies', '--facet', 'type', '--json'])).facets.type;
      const lines = faceted.stderr.trim().split('\n');
      expect(lines[0]).toMatch(/^type\s+count$/);
      expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).toEqual(counts.map((c: any) => [c.name, String(c.count)]));
    },
  );
});

describe('--jq', () => {
  it('filters the JSON with jq, strings printed raw', async () => {
    const r = await cli(['companies', '--jq', '.[].name']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(json(await cli(['companies', '--json'])).map((c: any) => c.name));
  });

  it('applies to the fields --json names', async () => {
    const r = await cli([
      'claims',
      '--kind',
      'figure',
      '--json',
      'value.amount',
      '--jq',
      '[.[].value.amount | numbers] | max',
    ]);
    const max = Math.max(...yamlClaims.filter((c) => typeof c.value?.amount === 'number').map((c) => c.value.amount));
    expect(Number(r.stdout)).toBe(max);
  });

  it("a bad expression is a usage error in jq's words", async () => {
    const r = await cli(['claims', '--jq', '.[']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^aigc: --jq: syntax error/);
  });
});
