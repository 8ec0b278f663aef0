import { describe, expect, it } from 'vitest';
import { checkProvenance, paragraphs } from '../src/load/provenance.js';

describe('paragraphs', () => {
  it.each([
    ['a\n\nb\n\n\nc', ['a', 'b', 'c']],
    ['\n\na\nstill a\n\nb\n', ['a\nstill a', 'b']],
    ['a\r\n\r\nb', ['a', 'b']],
    // as awk -v RS= counts them: a line of spaces does not separate
    ['a\n  \nb\n\nc', ['a\n  \nb', 'c']],
  ])('%j', (text, want) => expect(paragraphs(text)).toEqual(want));
});

describe('checkProvenance', () => {
  const quote = (id: string, text: string, paragraph: number) => ({
    id,
    kind: 'quote' as const,
    about: [],
    by: null,
    modality: 'happened' as const,
    via: null,
    to: null,
    contradicts: [],
    text,
    source: 's',
    paragraph,
  });
  const text = paragraphs('Title\n\n“the essence is focus,” he said.\n\nOther words here.');

  it('forgives whitespace and the style of quotation marks, nothing else', () => {
    expect(checkProvenance([quote('q1', '"the  essence is focus,"', 2)], 's', text)).toEqual([]);
    expect(checkProvenance([quote('q2', 'the essence is focus.', 2)], 's', text).map((m) => m.key)).toEqual(['text']);
  });

  it('names the paragraph that holds the words, and a paragraph past the end', () => {
    expect(checkProvenance([quote('q3', 'Other words', 2)], 's', text)[0].message).toBe(
      'quote `q3` is in paragraph 3, not 2',
    );
    expect(checkProvenance([quote('q4', 'Title', 9)], 's', text)[0].message).toBe(
      'paragraph 9 does not exist: the source has 3',
    );
  });

  it('shows the closest passage of the paragraph cited where the words are said twice', () => {
    const twice = paragraphs(
      'Intro\n\nthe essence is focus and determination.\n\nAgain: the essence is focus and determination.',
    );
    const at = (p: number) => checkProvenance([quote('q6', 'the essence is focus and persistence.', p)], 's', twice);
    expect(at(3)[0].message).toMatch(/closest passage, paragraph 3: /);
    expect(at(2)[0].message).toMatch(/closest passage, paragraph 2: /);
  });

  it("finds a date basis in when.paragraph where given, else in the claim's paragraph", () => {
    const dated = (basis: string, at?: number) => ({
      ...quote('e1', 'Other words here.', 3),
      kind: 'event' as const,
      when: { date: '2022', inferred: true, basis, ...(at === undefined ? {} : { paragraph: at }) },
    });
    expect(checkProvenance([dated('Other words')], 's', text)).toEqual([]);
    expect(checkProvenance([dated('the essence', 2)], 's', text)).toEqual([]);
    expect(checkProvenance([dated('the essence')], 's', text)[0].message).toBe(
      'the date basis of `e1` is not verbatim in paragraph 3; it is in paragraph 2',
    );
    expect(checkProvenance([dated('Other words', 9)], 's', text)[0].message).toBe(
      'paragraph 9 does not exist: the source has 3',
    );
  });

  it('checks only the claims of the source named', () => {
    expect(checkProvenance([{ ...quote('q5', 'nowhere', 2), source: 'other' }], 's', text)).toEqual([]);
  });
});
