// The question set, part one: what was said, by whom, to whom, when and how much. Each question
// is one command; its answer comes from the YAML (test/kb-yaml.ts), by the rules the manual
// states. Part two (people, organisations, segments, sources, search, the graph) is in
// questions-entities.test.ts.
import { beforeAll, describe, expect } from 'vitest';
import { cli } from './helpers.js';
import {
  addresseeOf,
  collapsed,
  factRows,
  firstTelling,
  madeBy,
  nameOf,
  withParts,
  yamlById,
  yamlClaims,
  yamlSources,
} from './kb-yaml.js';
import { ask, firstDay, ids, inOrder, lastDay } from './questions.js';
import { awk, describeSeed, ID, SEED, temp, withStore } from './texts-helpers.js';

const claims = (keep: (c: any) => boolean) => yamlClaims.filter(keep);
const figures = (keep: (c: any) => boolean) => claims((c) => c.kind === 'figure' && keep(c));
const MONEY = ['USD', 'CNY', 'EUR', 'cent'];

describe('who said what, to whom', () => {
  ask(
    'Who spoke to the Houchang Village No. 7 column, and in which paragraphs?',
    ['claims', '--to', 'houchang-village-no-7', '--json', 'by,paragraph'],
    (got) => {
      const want = claims((c) => addresseeOf(c) === 'houchang-village-no-7').map((c) => `${c.by} ¶${c.paragraph}`);
      expect([...new Set(got.map((r: any) => `${r.by.id} ¶${r.paragraph}`))].sort()).toEqual([...new Set(want)].sort());
      expect(new Set(want.map((w) => w.split(' ')[0])).size).toBeGreaterThanOrEqual(2);
    },
  );
  ask('What did interviewees tell reporters?', ['claims', '--to', 'reporters', '--json', 'id'], (got) =>
    expect(ids(got)).toEqual(collapsed(claims((c) => addresseeOf(c) === 'reporters'))),
  );
  ask('What was posted on WeChat Moments?', ['claims', '--to', 'wechat moments', '--json', 'id'], (got) =>
    expect(ids(got)).toEqual(collapsed(claims((c) => addresseeOf(c) === 'wechat-moments'))),
  );
  ask('What did Chen Dong pass on from someone else?', ['claims', '--via', 'chen dong', '--json', 'id,by'], (got) => {
    expect(ids(got)).toEqual(collapsed(claims((c) => c.via === 'chen-dong')));
    expect(got.every((r: any) => r.by.id !== 'chen-dong')).toBe(true);
  });
  ask(
    "What does OpenAI's report say, as Tian Taoyuan relays it?",
    ['claims', '--by', 'openai', '--via', 'tian taoyuan', '--json', 'id'],
    (got) => expect(ids(got)).toEqual(collapsed(claims((c) => c.by === 'openai' && c.via === 'tian-taoyuan'))),
  );
  ask(
    'Whose words does the KB attribute by inference, and on what basis?',
    ['claims', '--inferred-speaker', '--json', 'id,by,via'],
    (got) => {
      expect(ids(got)).toEqual(collapsed(claims((c) => c.by_inferred || c.via_inferred)));
      for (const r of got) {
        expect(r.by.inferred, r.id).toBe(yamlById.get(r.id).by_inferred ?? null);
        expect(r.via?.inferred ?? null, r.id).toBe(yamlById.get(r.id).via_inferred ?? null);
      }
    },
  );
  ask(
    'What does the article itself conclude, in its own voice?',
    ['claims', '--by-author', '--json', 'id,by'],
    (got) => {
      const author = new Map(yamlSources.map((s) => [s.id, s.author]));
      expect(ids(got)).toEqual(collapsed(claims((c) => c.by && c.by === author.get(c.source))));
      expect(got.length).toBeGreaterThan(5);
    },
  );
  ask(
    'What did Summer say, in the order the article tells it?',
    ['quotes', '--speaker', 'summer', '--json', 'id,paragraph'],
    (got) => {
      expect(ids(got)).toEqual(
        collapsed(claims((c) => c.kind === 'quote' && (c.by === 'summer' || c.via === 'summer'))),
      );
      expect(inOrder(got)).toBe(true);
    },
  );
  ask(
    "Which of Li Di's quotations does the article repeat, and where?",
    ['quotes', '--speaker', 'li di', '--json', 'id,repeated_by'],
    (got) => {
      const again = got.filter((r: any) => r.repeated_by.length);
      const want = claims((c) => c.kind === 'quote' && c.by === 'li-di' && c.repeats);
      expect(
        again.flatMap((r: any) => r.repeated_by.map((x: any) => `${r.id} <- ${x.id} ¶${x.paragraph}`)).sort(),
      ).toEqual(want.map((c) => `${firstTelling(c).id} <- ${c.id} ¶${c.paragraph}`).sort());
    },
  );
  ask('Which quotations speak of "digital people"?', ['quotes', '--match', '"digital people"', '--json', 'id'], (got) =>
    expect(ids(got)).toEqual(
      collapsed(claims((c) => c.kind === 'quote' && [c.text, c.note].some((t) => /\bdigital people/i.test(t ?? '')))),
    ),
  );
  ask(
    'What role did Tian Taoyuan hold when he gave the OpenAI figures?',
    ['claims', '--about', 'openai', '--by', 'tian taoyuan', '--kind', 'figure', '--json', 'id,paragraph,speaker_role'],
    (got) => {
      const roles = claims((c) => c.kind === 'role' && c.about[0] === 'tian-taoyuan').sort(
        (a, b) => a.paragraph - b.paragraph,
      );
      expect(got.length).toBeGreaterThan(0);
      for (const r of got) {
        const then = roles.filter((x) => x.paragraph <= r.paragraph).pop() ?? roles[0];
        expect([r.speaker_role.role, r.speaker_role.paragraph]).toEqual([then.role, then.paragraph]);
      }
    },
  );
});

describe('what kind of claim', () => {
  ask('Which claims are forecasts?', ['claims', '--modality', 'forecast', '--json', 'id'], (got) => {
    expect(ids(got)).toEqual(collapsed(claims((c) => c.modality === 'forecast')));
    expect(got.length).toBeGreaterThanOrEqual(2);
  });
  ask(
    "Which figures are speakers' own estimates?",
    ['claims', '--modality', 'estimate', '--kind', 'figure', '--json', 'id'],
    (got) => expect(ids(got)).toEqual(collapsed(figures((c) => c.modality === 'estimate'))),
  );
  ask(
    'Which facts does the article state more than once, and in which paragraphs?',
    ['claims', '--json', 'id,paragraphs', '--jq', '[.[] | select(.paragraphs | length > 1)]'],
    (got) =>
      expect(got.sort((a: any, b: any) => (a.id < b.id ? -1 : 1))).toEqual(
        factRows(yamlClaims).filter((r) => r.paragraphs.length > 1),
      ),
  );
  ask("Which claims are in tension, by the KB's own record?", ['conflicts', '--basis', 'stated', '--json'], (got) => {
    const pairs = claims((c) => c.contradicts?.length).flatMap((c) =>
      c.contradicts.map((x: string) => [c.id, x].sort().join(' ')),
    );
    expect(got.map((r: any) => ids(r.claims).join(' ')).sort()).toEqual([...new Set(pairs)].sort());
    expect(got.every((r: any) => r.note)).toBe(true);
  });
});

describe('how much', () => {
  ask(
    'What figures does the article give about OpenAI, each counted once, with every paragraph?',
    ['claims', '--about', 'openai', '--kind', 'figure', '--json', 'id,paragraphs'],
    (got) =>
      expect(got.sort((a: any, b: any) => (a.id < b.id ? -1 : 1))).toEqual(
        factRows(figures((c) => c.about?.includes('openai'))),
      ),
  );
  ask(
    'Which funding rounds are mentioned, and how large?',
    ['claims', '--measure', 'funding-round', '--json', 'id,value'],
    (got) => {
      expect(ids(got)).toEqual(collapsed(figures((c) => c.measure === 'funding-round')));
      for (const r of got) expect(r.value).toEqual(yamlById.get(r.id).value);
    },
  );
  ask('Which figures are sums of money, in any currency?', ['claims', '--unit', 'money', '--json', 'id'], (got) =>
    expect(ids(got)).toEqual(collapsed(figures((c) => MONEY.includes(c.value.unit)))),
  );
  ask('Which figures count users, whatever the period?', ['claims', '--unit', 'users', '--json', 'id,value'], (got) => {
    expect(ids(got)).toEqual(collapsed(figures((c) => c.value.unit === 'users')));
    expect(got.some((r: any) => r.value.per)).toBe(true);
  });
  ask(
    'What are the three largest dollar amounts?',
    ['claims', '--unit', 'USD', '--sort', '-value.amount', '--limit', '3', '--json', 'id,value'],
    (got) => {
      const amounts = figures((c) => c.value.unit === 'USD' && c.value.amount !== undefined && !c.repeats).map(
        (c) => c.value.amount,
      );
      expect(got.map((r: any) => r.value.amount)).toEqual(amounts.sort((a, b) => b - a).slice(0, 3));
    },
  );
  ask(
    'Which figures are approximate ("about")?',
    ['claims', '--kind', 'figure', '--jq', '[.[] | select(.value.approx) | .id]'],
    (got) => expect(got.sort()).toEqual(collapsed(figures((c) => c.value.approx))),
  );
  ask(
    'Which figures give only a bound ("at least", "less than")?',
    [
      'claims',
      '--kind',
      'figure',
      '--jq',
      '[.[] | select(.value.amount == null and (.value.min == null or .value.max == null)) | .id]',
    ],
    (got) =>
      expect(got.sort()).toEqual(
        collapsed(
          figures((c) => c.value.amount === undefined && (c.value.min === undefined || c.value.max === undefined)),
        ),
      ),
  );
});

describe('where and when', () => {
  ask(
    'What does the article say in paragraphs 93 to 97, in order?',
    ['claims', '--paragraph', '93-97', '--json', 'id,paragraph'],
    (got) => {
      expect(ids(got)).toEqual(collapsed(claims((c) => c.paragraph >= 93 && c.paragraph <= 97)));
      expect(inOrder(got)).toBe(true);
    },
  );
  ask(
    'What is dated within January 2023 (not merely overlapping it)?',
    ['claims', '--within', '2023-01', '--json', 'id'],
    (got) =>
      expect(ids(got)).toEqual(
        collapsed(
          claims(
            (c) =>
              c.when &&
              firstDay(String(c.when.date)) >= '2023-01-01' &&
              lastDay(String(c.when.end ?? c.when.date)) <= '2023-01-31',
          ),
        ),
      ),
  );
  ask('What does anyone say about the iPhone?', ['claims', '--about', 'iphone', '--json', 'id'], (got) =>
    expect(ids(got)).toEqual(collapsed(claims((c) => c.about?.includes('iphone')))),
  );
  ask(
    'In which paragraphs does the article discuss Kuaishou?',
    ['claims', '--about', 'kuaishou', '--json', 'paragraphs'],
    (got) =>
      expect([...new Set(got.flatMap((r: any) => r.paragraphs))].sort()).toEqual(
        [...new Set(claims((c) => c.about?.includes('kuaishou')).map((c) => c.paragraph))].sort(),
      ),
  );
  ask(
    'What is said about ByteDance, its parts and its products?',
    ['claims', '--about', 'bytedance', '--with-products', '--json', 'id'],
    (got) => {
      // It, its parts, and what it and its parts make.
      const subjects = new Set([...withParts('bytedance'), ...madeBy('bytedance').map((e) => e.id)]);
      expect(subjects.size).toBeGreaterThan(1);
      expect(ids(got)).toEqual(collapsed(claims((c) => c.about?.some((a: string) => subjects.has(a)))));
      expect(nameOf('bytedance')).toBe('ByteDance');
    },
  );
});

describeSeed('with the article attached', () => {
  const store = temp('aigc-questions-');
  beforeAll(async () => expect((await cli(['source', 'attach', ID, SEED], withStore(store))).code).toBe(0));
  ask(
    'What does paragraph 40 say?',
    ['source', ID, '--paragraph', '40', '--json'],
    (got) => expect(got).toEqual([{ source: ID, paragraph: 40, text: awk(SEED, 40).trim() }]),
    { XDG_DATA_HOME: store },
  );
});
