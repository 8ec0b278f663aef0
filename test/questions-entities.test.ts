// The question set, part two: who people and organisations are, what makes what, the segments,
// the source, search, the timeline and the graph. One command each, answered from the YAML
// (test/kb-yaml.ts); part one is questions.test.ts, and together they hold at least 40.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import {
  collapsed,
  countryOf,
  firstTelling,
  identityOf,
  madeBy,
  ORG_TYPES,
  segmentsOf,
  yamlById,
  yamlClaims,
  yamlEntities,
  yamlSources,
} from './kb-yaml.js';
import { ask, count, firstDay, ids, lastDay, precision } from './questions.js';
import { ID } from './texts-helpers.js';

const orgs = (keep: (e: any) => boolean) => yamlEntities.filter((e) => ORG_TYPES.includes(e.type) && keep(e));
const roles = yamlClaims.filter((c) => c.kind === 'role');
describe('people and organisations', () => {
  ask(
    'Which organisations are not Chinese, and on whose word?',
    ['companies', '--not-country', 'CN', '--json', 'id,country'],
    (got) => {
      const want = orgs((e) => countryOf(e)?.code !== undefined && countryOf(e)?.code !== 'CN');
      expect(got.map((r: any) => `${r.id} ${r.country.code} ${r.country.basis}`).sort()).toEqual(
        want.map((e) => `${e.id} ${countryOf(e)!.code} ${countryOf(e)!.basis}`).sort(),
      );
    },
  );
  ask('Which organisations have no country recorded?', ['companies', '--country', 'none', '--json', 'id'], (got) =>
    expect(ids(got)).toEqual(ids(orgs((e) => !countryOf(e)))),
  );
  ask(
    'Which organisations does the article leave unnamed?',
    ['companies', '--identity', 'anonymous', '--json', 'id'],
    (got) => expect(ids(got)).toEqual(ids(orgs((e) => identityOf(e) === 'anonymous'))),
  );
  ask(
    'Which speakers use a pseudonym or stay anonymous, and on whose word?',
    ['people', '--identity', 'pseudonym,anonymous', '--json', 'id,identity'],
    (got) => {
      const want = yamlEntities.filter(
        (e) => e.type === 'person' && ['pseudonym', 'anonymous'].includes(identityOf(e)),
      );
      expect(ids(got)).toEqual(ids(want));
      for (const r of got)
        expect([r.identity.value, r.identity.paragraph]).toEqual([
          identityOf(yamlById.get(r.id)),
          yamlById.get(r.id).identity?.paragraph ?? null,
        ]);
    },
  );
  ask('Is "Chen Dong" a real name?', ['show', 'chen dong', '--json'], (got) =>
    expect(got.identity).toEqual({
      value: 'pseudonym',
      basis: 'source',
      paragraph: yamlById.get('chen-dong').identity.paragraph,
    }),
  );
  ask('Who holds a role at Zichun Capital?', ['people', '--org', 'zichun capital', '--json', 'id'], (got) =>
    expect(ids(got)).toEqual(
      [...new Set(roles.filter((c) => c.org === 'zichun-capital').map((c) => c.about[0]))].sort(),
    ),
  );
  ask(
    'Which people are partners at their firms?',
    ['claims', '--kind', 'role', '--match', 'partner', '--json', 'about,org'],
    (got) => {
      const want = roles.filter((c) => !c.repeats && /\bpartner/i.test(`${c.text ?? c.role} ${c.note ?? ''}`));
      expect(got.map((r: any) => `${r.about[0].id} ${r.org?.id}`).sort()).toEqual(
        want.map((c) => `${c.about[0]} ${c.org}`).sort(),
      );
    },
  );
  ask(
    'What roles does the article give Tian Taoyuan, and where?',
    ['claims', '--kind', 'role', '--about', 'tian taoyuan', '--json', 'role,paragraph'],
    (got) =>
      expect(got.map((r: any) => `${r.role} ¶${r.paragraph}`).sort()).toEqual(
        roles
          .filter((c) => c.about[0] === 'tian-taoyuan' && !c.repeats)
          .map((c) => `${c.role} ¶${c.paragraph}`)
          .sort(),
      ),
  );
  ask(
    'Who works at Baidu, and what does it make?',
    ['companies', '--json', 'id,people,products', '--jq', '.[] | select(.id == "baidu")'],
    (got) => {
      expect(ids(got.people)).toEqual(
        [...new Set(roles.filter((c) => c.org === 'baidu').map((c) => c.about[0]))].sort(),
      );
      expect(ids(got.products)).toEqual(ids(madeBy('baidu')));
    },
  );
  ask('What does the article say about the company Li Di works at?', ['show', 'li di', '--json'], (got) => {
    const at = [...new Set(roles.filter((c) => c.about[0] === 'li-di' && c.org).map((c) => c.org))];
    expect(got.organisation_claims.map((o: any) => o.organisation.id).sort()).toEqual(at.sort());
    for (const o of got.organisation_claims)
      expect(ids(o.claims)).toEqual(collapsed(yamlClaims.filter((c) => c.about?.includes(o.organisation.id))));
  });
  ask(
    "What is Qihoo 360 called in Chinese, and is that the article's word?",
    ['show', 'qihoo 360', '--json'],
    (got) => {
      expect(got.editor.names).toEqual(yamlById.get('qihoo-360').editor.names);
      expect(got.aliases).toEqual(yamlById.get('qihoo-360').aliases ?? []);
    },
  );
});

describe('products and segments', () => {
  ask(
    'Which products does NetEase make, its units included?',
    ['products', '--maker', 'netease', '--json', 'id'],
    (got) => expect(ids(got)).toEqual(ids(madeBy('netease'))),
  );
  ask(
    'Who makes Jianying, and does the article say so?',
    ['products', '--json', 'id,makers', '--jq', '.[] | select(.id == "jianying") | .makers'],
    (got) =>
      expect(got.map((m: any) => `${m.id} ${m.basis}`)).toEqual(
        yamlById
          .get('jianying')
          .relations.filter((r: any) => r.kind === 'maker')
          .map((r: any) => `${r.to} ${r.editor ? 'editor' : 'source'}`),
      ),
  );
  ask(
    'Which organisations does the article itself list under text generation?',
    ['companies', '--segment', 'text generation', '--listed', '--json', 'id'],
    (got) =>
      expect(ids(got)).toEqual(
        ids(orgs((e) => segmentsOf(e).some((s: any) => s.id === 'text-generation' && s.paragraph))),
      ),
  );
  ask(
    'Which products does the article list under image generation?',
    ['products', '--segment', 'image generation', '--listed', '--json', 'id'],
    (got) =>
      expect(ids(got)).toEqual(
        ids(
          yamlEntities.filter(
            (e) => e.type === 'product' && segmentsOf(e).some((s: any) => s.id === 'image-generation' && s.paragraph),
          ),
        ),
      ),
  );
  ask(
    'How many members has each segment, and how many of them does the article list?',
    ['segments', '--json', 'id,members,listed'],
    (got) => {
      const members = (id: string) => yamlEntities.filter((e) => segmentsOf(e).some((s: any) => s.id === id));
      expect(got.map((r: any) => [r.id, r.members, r.listed])).toEqual(
        yamlEntities
          .filter((e) => e.type === 'segment')
          .map((s) => [
            s.id,
            members(s.id).length,
            members(s.id).filter((e) => segmentsOf(e).find((x: any) => x.id === s.id).paragraph).length,
          ]),
      );
    },
  );
  ask(
    'Under which segments is Xiaoice, and which of them does the article give?',
    ['show', 'xiaoice', '--json'],
    (got) =>
      expect(got.segments.map((s: any) => `${s.id} ${s.basis} ${s.paragraph}`)).toEqual(
        segmentsOf(yamlById.get('xiaoice')).map(
          (s: any) => `${s.id} ${s.paragraph ? 'source' : 'editor'} ${s.paragraph ?? null}`,
        ),
      ),
  );
});

describe('the source, search, the timeline and the graph', () => {
  ask(
    'Who published the article, for which column, when, and is it a machine translation?',
    ['sources', '--json', 'id,publisher,column,author,published,updated,machine_translated'],
    (got) =>
      expect(
        got.map((r: any) => [
          r.id,
          r.publisher,
          r.column,
          r.author?.id ?? null,
          r.published,
          r.updated,
          r.machine_translated,
        ]),
      ).toEqual(
        yamlSources.map((s) => [
          s.id,
          s.publisher,
          s.column ?? null,
          s.author ?? null,
          String(s.published),
          s.updated ? String(s.updated) : null,
          s.machine_translated ?? false,
        ]),
      ),
  );
  ask('How many paragraphs has the article, and is a copy of it attached here?', ['source', ID, '--json'], (got) =>
    expect([got.text, got.attached]).toEqual([yamlSources.find((s) => s.id === ID).text, null]),
  );
  ask('How many quotes, statements, figures, events and roles does the article give?', ['stats', '--json'], (got) => {
    const n = (kind: string) => yamlClaims.filter((c) => c.source === ID && c.kind === kind).length;
    const row = got.find((r: any) => r.source === ID);
    expect([row.quotes, row.statements, row.figures, row.events, row.roles]).toEqual(
      ['quote', 'statement', 'figure', 'event', 'role'].map(n),
    );
  });
  ask('Which company is 诗云科技?', ['search', '诗云科技', '--json'], (got) => {
    const e = yamlEntities.find((x) => x.editor?.names?.includes('诗云科技'));
    expect([got[0].id, got[0].field]).toEqual([e.id, 'editor.names']);
  });
  ask(
    'Which statement says that, besides Baidu, big companies invested in the field of AIGC?',
    ['search', 'invested in the field of AIGC', '--json'],
    (got) => {
      const s = yamlClaims.filter(
        (c) => c.kind === 'statement' && c.paragraph === 23 && /invested in AIGC/.test(c.text),
      );
      expect(s).toHaveLength(1);
      expect(got[0].id).toBe(s[0].id);
    },
  );
  ask(
    'When did Stability AI raise money, and how precise is each date?',
    ['timeline', '--about', 'stability ai', '--json', 'id,date,precision'],
    (got) =>
      expect(got.map((r: any) => `${r.id} ${r.date} ${r.precision}`).sort()).toEqual(
        yamlClaims
          .filter((c) => c.when && c.about?.includes('stability-ai'))
          .map((c) => `${c.id} ${c.when.date} ${precision(String(c.when.date))}`)
          .sort(),
      ),
  );
  ask(
    'Which forecasts and plans are on the timeline, and for when?',
    ['timeline', '--modality', 'forecast,plan', '--json', 'id,date,qualifier'],
    (got) =>
      expect(got.map((r: any) => `${r.id} ${r.date} ${r.qualifier}`).sort()).toEqual(
        yamlClaims
          .filter((c) => c.when && ['forecast', 'plan'].includes(c.modality))
          .map((c) => `${c.id} ${c.when.date} ${c.when.qualifier ?? null}`)
          .sort(),
      ),
  );
  ask('What happened at the end of a year?', ['timeline', '--jq', '[.[] | select(.qualifier == "end") | .id]'], (got) =>
    expect(got.sort()).toEqual(
      yamlClaims
        .filter((c) => c.when?.qualifier === 'end')
        .map((c) => c.id)
        .sort(),
    ),
  );
  ask(
    'What is dated at any time in 2022, periods that reach into it included?',
    ['timeline', '--since', '2022', '--until', '2022', '--json', 'id'],
    (got) =>
      expect(ids(got)).toEqual(
        yamlClaims
          .filter(
            (c) =>
              c.when &&
              firstDay(String(c.when.date)) <= '2022-12-31' &&
              lastDay(String(c.when.end ?? c.when.date)) >= '2022-01-01',
          )
          .map((c) => c.id)
          .sort(),
      ),
  );
  ask('Whom did Li Di speak about, and how often?', ['graph', '--about', 'li di', '--format', 'json'], (got) => {
    const quotes = yamlClaims.filter((c) => c.kind === 'quote' && c.by === 'li-di' && !c.repeats);
    const want = new Map<string, number>();
    for (const q of quotes) for (const a of new Set<string>(q.about)) want.set(a, (want.get(a) ?? 0) + 1);
    const spoke = got.edges.filter((e: any) => e.kind === 'spoke_about' && e.from === 'li-di');
    expect(new Map(spoke.map((e: any) => [e.to, e.weight]))).toEqual(want);
    expect(quotes.every((q) => firstTelling(q) === q)).toBe(true);
  });
});

// The set is the living spec of issue 14: at least 40 questions across its two files.
it('the question set holds at least 40 questions, each one command', () => {
  const asks = ['questions.test.ts', 'questions-entities.test.ts'].map(
    (f) => readFileSync(join(ROOT, 'test', f), 'utf8').match(/^\s*ask\(/gm)?.length ?? 0,
  );
  expect(asks[0] + asks[1]).toBeGreaterThanOrEqual(40);
  expect(asks[1]).toBe(count());
});
