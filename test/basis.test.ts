// Where a date rests: every `when.basis` of the shipped KB, each fragment in order, in the
// paragraph it names (`when.paragraph`, else the claim's own), in the article as the source's
// fingerprint numbers it. The article is not in the repository: the test reads the copy beside
// the project, as CI attaches it, and is skipped without one (outside CI).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dateBasis, inOrder, normalizeText, paragraphs } from '../src/load/provenance.js';
import { yamlClaims } from './kb-yaml.js';
import { ROOT } from './helpers.js';

const SEED = ['..', join('..', '..')]
  .map((up) => join(ROOT, up, 'shared', 'seed', '000_0a687ad9dad331a4.txt'))
  .find((p) => existsSync(p));
// Skipped where the article is not beside the checkout, as .ci/run skips its check there.
const itText = SEED ? it : it.skip;

describe('dateBasis', () => {
  const claim = (when: object, paragraph = 5) => ({ ...yamlClaims[0], paragraph, when }) as any;

  it('is the claim paragraph, or when.paragraph, with the fragments between " ... " (or an ellipsis)', () => {
    expect(dateBasis(claim({ date: '2022', inferred: true, basis: 'last year' }))).toEqual({
      paragraph: 5,
      fragments: ['last year'],
    });
    expect(dateBasis(claim({ date: '2022', basis: 'On October 19 ... a day after', paragraph: 3 }))).toEqual({
      paragraph: 3,
      fragments: ['On October 19', 'a day after'],
    });
    expect(dateBasis(claim({ date: '2022', basis: 'On October 19 \u2026 a day after' }))).toEqual({
      paragraph: 5,
      fragments: ['On October 19', 'a day after'],
    });
    expect(dateBasis(claim({ date: '2022' }))).toBeUndefined();
  });

  it('finds the fragments in order only', () => {
    expect(inOrder('On October 19 last year, a day after', ['October 19', 'a day after'])).toBe(true);
    expect(inOrder('a day after, on October 19', ['October 19', 'a day after'])).toBe(false);
    expect(inOrder('a day', ['a day', 'a day'])).toBe(false);
  });
});

describe('the shipped KB', () => {
  itText("every date basis is in the article's paragraph it names, fragment by fragment", () => {
    const paras = paragraphs(readFileSync(SEED!, 'utf8')).map(normalizeText);
    const based = yamlClaims.filter((c) => c.when?.basis);
    expect(based.length).toBeGreaterThan(40);
    const missing = based.filter((c) => {
      const b = dateBasis(c)!;
      return !inOrder(paras[b.paragraph - 1], b.fragments);
    });
    expect(missing.map((c) => c.id)).toEqual([]);
    // A basis in another paragraph, and one in two fragments, are among them.
    expect(based.some((c) => c.when.paragraph && c.when.paragraph !== c.paragraph)).toBe(true);
    expect(based.some((c) => dateBasis(c)!.fragments.length > 1)).toBe(true);
  });
});
