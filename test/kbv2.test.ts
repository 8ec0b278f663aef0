// Issue 13's "must show", and the fields of format 2 as the list commands filter and print them,
// each checked against the YAML read with the yaml package (test/kb-yaml.ts).
import { describe, expect, it } from 'vitest';
import { cli, json } from './helpers.js';
import {
  firstTelling as first,
  identityOf,
  nameOf as name,
  ORG_TYPES as ORG,
  yamlById as byId,
  yamlClaims,
  yamlEntities,
  yamlSources,
} from './kb-yaml.js';

const ids = (rows: any[]) => rows.map((r) => r.id).sort();
const told = (claims: any[]) => [...new Set(claims.map(first))];

describe('modality', () => {
  it('timeline marks the Gartner and McKinsey forecasts and the ERNIE Bot plan, in the when cell and the JSON', async () => {
    const foreseen = yamlClaims.filter((c) => c.when && ['forecast', 'plan'].includes(c.modality));
    const about = (c: any) => [...(c.about ?? []), c.by].join(' ');
    expect(foreseen.some((c) => /gartner/.test(about(c)) && c.modality === 'forecast')).toBe(true);
    expect(foreseen.some((c) => /mckinsey/.test(about(c)) && c.modality === 'forecast')).toBe(true);
    expect(foreseen.some((c) => /ernie-bot/.test(about(c)) && c.modality === 'plan')).toBe(true);
    const rows = json(await cli(['timeline', '--json']));
    const lines = (await cli(['timeline'])).stdout.trimEnd().split('\n').slice(1);
    for (const c of foreseen) {
      const i = rows.findIndex((r: any) => r.id === c.id);
      expect(rows[i].modality, c.id).toBe(c.modality);
      expect(lines[i].split('\t')[0], c.id).toMatch(new RegExp(`\\b${c.modality}\\)$`));
    }
    for (const [i, r] of rows.entries())
      if (!['forecast', 'plan'].includes(r.modality)) expect(lines[i]).not.toMatch(/forecast|plan\)/);
  });

  it('claims --modality forecast lists every forecast once', async () => {
    const rows = json(await cli(['claims', '--modality', 'forecast', '--json']));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(ids(rows)).toEqual(ids(told(yamlClaims.filter((c) => c.modality === 'forecast'))));
    const quotes = json(await cli(['quotes', '--modality', 'opinion,estimate', '--json']));
    expect(ids(quotes)).toEqual(
      ids(told(yamlClaims.filter((c) => c.kind === 'quote' && ['opinion', 'estimate'].includes(c.modality)))),
    );
  });
});

describe('attribution', () => {
  it('who spoke to the Houchang Village No. 7 column: both interviewees, with their paragraphs', async () => {
    const rows = json(await cli(['claims', '--to', 'Houchang Village No. 7', '--json']));
    const said = yamlClaims.filter((c) => (c.to?.id ?? c.to) === 'houchang-village-no-7');
    const pairs = (xs: [string, number][]) => [...new Set(xs.map(([b, p]) => `${b} ¶${p}`))].sort();
    expect(pairs(rows.map((r: any) => [r.by.id, r.paragraph]))).toEqual(pairs(said.map((c) => [c.by, c.paragraph])));
    expect(pairs(rows.map((r: any) => [r.by.id, r.paragraph]))).toEqual([
      'head-ai-company-founder ¶86',
      'tian-taoyuan ¶12',
    ]);
    const facet = json(await cli(['claims', '--to', 'houchang-village-no-7', '--facet', 'speaker', '--json']));
    expect(facet.facets.speaker.map((f: any) => f.name).sort()).toEqual(
      [name('head-ai-company-founder'), name('tian-taoyuan')].sort(),
    );
  });

  it('every output marks an inferred speaker: JSON, table cell and card', async () => {
    const inferred = yamlClaims.filter((c) => c.by_inferred || c.via_inferred);
    expect(inferred.length).toBeGreaterThan(20);
    const rows = json(await cli(['claims', '--inferred-speaker', '--no-collapse', '--json']));
    expect(ids(rows)).toEqual(ids(inferred));
    const q = inferred.find((c) => c.kind === 'quote' && c.by_inferred)!;
    const row = rows.find((r: any) => r.id === q.id);
    expect(row.by).toEqual({ id: q.by, name: name(q.by), type: byId.get(q.by).type, inferred: q.by_inferred });
    const tsv = (await cli(['quotes', '--inferred-speaker'])).stdout;
    expect(tsv).toContain(`\t${name(q.by)} (inferred)\t`);
    expect((await cli(['show', q.id])).stdout).toContain(`${name(q.by)} (inferred): ${q.by_inferred}`);
    const relayed = yamlClaims.find((c) => c.via_inferred)!;
    expect((await cli(['show', relayed.id])).stdout).toContain(`${name(relayed.via)} (inferred)`);
  });

  it('--by also finds what someone relayed; --via only that', async () => {
    const by = json(await cli(['claims', '--by', 'tian taoyuan', '--no-collapse', '--json']));
    expect(ids(by)).toEqual(ids(yamlClaims.filter((c) => c.by === 'tian-taoyuan' || c.via === 'tian-taoyuan')));
    const via = json(await cli(['claims', '--via', 'tian taoyuan', '--no-collapse', '--json']));
    expect(ids(via)).toEqual(ids(yamlClaims.filter((c) => c.via === 'tian-taoyuan')));
    expect(via.length).toBeGreaterThan(3);
  });

  it('what the article itself concludes: --by-author gives the statements by its author', async () => {
    const author = yamlSources[0].author;
    const want = yamlClaims.filter((c) => c.by === author);
    expect(want.length).toBeGreaterThan(8);
    expect(ids(json(await cli(['claims', '--by-author', '--json'])))).toEqual(ids(told(want)));
    expect(ids(json(await cli(['claims', '--by', author, '--json'])))).toEqual(ids(told(want)));
  });

  it("a quote shows its speaker's role at the time: the nearest role claim at or before it", async () => {
    const roles = yamlClaims.filter((c) => c.kind === 'role');
    const roleAt = (q: any) => {
      const mine = roles.filter((r) => r.about[0] === q.by && r.source === q.source);
      const before = mine.filter((r) => r.paragraph <= q.paragraph).sort((a, b) => a.paragraph - b.paragraph);
      return before.at(-1) ?? mine.sort((a, b) => a.paragraph - b.paragraph)[0];
    };
    const rows = json(await cli(['quotes', '--no-collapse', '--json']));
    let shown = 0;
    for (const r of rows) {
      const want = roleAt(yamlClaims.find((c) => c.id === r.id));
      expect(r.speaker_role?.paragraph ?? null, r.id).toBe(want?.paragraph ?? null);
      if (want) {
        expect(r.speaker_role.role).toBe(want.role);
        expect(r.speaker_role.org?.id ?? null).toBe(want.org ?? null);
        shown++;
      }
    }
    expect(shown).toBeGreaterThan(20);
    // Li Di at paragraph 74 is "leader of the enterprise"; at 75, still that.
    const li = rows.find((r: any) => r.by?.id === 'li-di' && r.paragraph === 75);
    expect(li.speaker_role.role).toBe(roleAt(yamlClaims.find((c) => c.id === li.id)).role);
  });
});

describe('people and organisations', () => {
  it('people --identity pseudonym,anonymous lists those speakers with their identity and its basis', async () => {
    const rows = json(await cli(['people', '--identity', 'pseudonym,anonymous', '--json']));
    const want = yamlEntities.filter((e) => e.type === 'person' && ['pseudonym', 'anonymous'].includes(identityOf(e)));
    expect(ids(rows)).toEqual(ids(want));
    for (const r of rows) {
      const e = byId.get(r.id);
      expect(r.identity.value).toBe(identityOf(e));
      const basis = e.identity?.editor ? 'editor' : e.identity?.paragraph ? 'source' : null;
      expect(r.identity.basis, r.id).toBe(basis);
    }
    const table = (await cli(['people', '--identity', 'pseudonym'])).stdout;
    expect(table).toContain('\tpseudonym ¶104\t');
    expect(table).toContain('\tpseudonym (editor)\t');
  });

  it('companies --not-country CN: the organisations not Chinese, each with the basis of its country', async () => {
    const rows = json(await cli(['companies', '--not-country', 'CN', '--json']));
    const country = (e: any) => e.country?.code ?? e.editor?.country;
    const want = yamlEntities.filter((e) => ORG.includes(e.type) && country(e) && country(e) !== 'CN');
    expect(ids(rows)).toEqual(ids(want));
    expect(rows.length).toBeGreaterThan(4);
    for (const r of rows) {
      const e = byId.get(r.id);
      expect(r.country.code).toBe(country(e));
      expect(r.country.basis).toBe(e.country ? 'source' : 'editor');
    }
    const tsv = (await cli(['companies', '--not-country', 'CN'])).stdout;
    expect(tsv).toContain('\tUnited States (editor)\t');
    const stated = json(await cli(['companies', '--country', 'CN', '--json'])).filter(
      (r: any) => r.country.basis === 'source',
    );
    expect(ids(stated)).toEqual(ids(yamlEntities.filter((e) => e.country)));
    const none = json(await cli(['companies', '--country', 'none', '--json']));
    expect(ids(none)).toEqual(ids(yamlEntities.filter((e) => ORG.includes(e.type) && !country(e))));
  });

  it('who works where comes from role claims: people --org, role and organisation columns', async () => {
    const roles = yamlClaims.filter((c) => c.kind === 'role');
    const at = json(await cli(['people', '--org', 'xiaoice', '--json']));
    expect(ids(at)).toEqual([...new Set(roles.filter((r) => r.org === 'xiaoice').map((r) => r.about[0]))].sort());
    const rows = json(await cli(['people', '--fields', 'id,role,organisation', '--json']));
    for (const r of rows) {
      // A role said again counts once, in the words of its first telling.
      const mine = roles.filter((c) => c.about[0] === r.id && !c.repeats);
      expect(r.role.sort(), r.id).toEqual([...new Set(mine.map((c) => c.role))].sort());
      expect(r.organisation.map((o: any) => o.id).sort()).toEqual(
        [...new Set(mine.flatMap((c) => (c.org ? [c.org] : [])))].sort(),
      );
    }
  });

  it('editor-supplied knowledge is marked: JSON `editor`, a maker (editor), the card', async () => {
    const jianying = byId.get('jianying');
    const row = json(await cli(['products', '--json'])).find((r: any) => r.id === 'jianying');
    expect(row.editor.names).toEqual(jianying.editor.names);
    expect(row.aliases).toEqual(jianying.aliases);
    expect(row.makers).toEqual([
      { id: 'bytedance', name: 'ByteDance', type: 'company', basis: 'editor', paragraph: null },
    ]);
    expect((await cli(['products', '--maker', 'bytedance'])).stdout).toContain('\tByteDance (editor)\t');
    const card = (await cli(['show', jianying.editor.names[0]])).stdout;
    expect(card).toContain(jianying.editor.names[0]);
    expect(card).toMatch(/editor-supplied, not the source's words/);
  });
});

describe('segment membership', () => {
  it('segments and --listed tell the source’s lists from the editor’s tags', async () => {
    const listedIn = (e: any, s: string) => (e.segments ?? []).some((m: any) => m?.id === s && m.paragraph);
    const rows = json(await cli(['segments', '--json']));
    const listed = json(await cli(['segments', '--listed', '--json']));
    for (const s of rows) {
      const members = yamlEntities.filter((e) => (e.segments ?? []).some((m: any) => (m?.id ?? m) === s.id));
      expect(s.members, s.id).toBe(members.length);
      expect(s.listed, s.id).toBe(members.filter((e) => listedIn(e, s.id)).length);
      const l = listed.find((x: any) => x.id === s.id);
      expect(ids([...l.organisations, ...l.products])).toEqual(ids(members.filter((e) => listedIn(e, s.id))));
    }
    const video = json(await cli(['companies', '--segment', 'video', '--listed', '--json']));
    expect(ids(video)).toEqual(
      ids(yamlEntities.filter((e) => ORG.includes(e.type) && listedIn(e, 'video-generation'))),
    );
  });
});

describe('values', () => {
  it('--unit users finds users per day; a family takes every unit in it; --measure', async () => {
    const unit = (u: string[]) => yamlClaims.filter((c) => u.includes(c.value?.unit));
    const users = json(await cli(['claims', '--unit', 'users', '--no-collapse', '--json']));
    expect(ids(users)).toEqual(ids(unit(['users'])));
    expect(users.some((r: any) => r.value.per === 'day')).toBe(true);
    const money = json(await cli(['claims', '--unit', 'money', '--no-collapse', '--json']));
    expect(ids(money)).toEqual(ids(unit(['USD', 'CNY', 'EUR', 'cent'])));
    const rounds = json(await cli(['claims', '--measure', 'funding-round', '--json']));
    expect(ids(rounds)).toEqual(ids(told(yamlClaims.filter((c) => c.measure === 'funding-round'))));
    const r = await cli(['claims', '--unit', 'yera']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown unit "yera" \(did you mean `year`/);
  });

  it('cells read as the source says them', async () => {
    const cells = (await cli(['claims', '--kind', 'figure', '--fields', 'id,value,when', '--no-collapse'])).stdout;
    const line = (id: string) => cells.split('\n').find((l) => l.startsWith(`${id}\t`))!;
    const find = (f: (c: any) => boolean) => yamlClaims.find((c) => c.kind === 'figure' && f(c))!;
    const about = find((c) => c.value.approx && c.value.amount !== undefined);
    expect(line(about.id)).toContain(`\tabout ${about.value.amount} ${about.value.unit}\t`);
    const least = find((c) => c.value.min !== undefined && c.value.max === undefined && c.value.per);
    expect(line(least.id)).toContain(`\t≥ ${least.value.min} ${least.value.unit} per ${least.value.per}\t`);
    const most = find((c) => c.value.max !== undefined && c.value.min === undefined);
    expect(line(most.id)).toContain(`\t≤ ${most.value.max} ${most.value.unit}\t`);
    const by = find((c) => c.when?.qualifier === 'by' && !c.when.inferred);
    expect(line(by.id).endsWith(`\tby ${by.when.date}`)).toBe(true);
    const end = yamlClaims.find((c) => c.when?.qualifier === 'end' && !c.when.inferred)!;
    const tsv = (await cli(['claims', '--paragraph', String(end.paragraph), '--fields', 'id,when'])).stdout;
    expect(tsv).toContain(`${end.id}\tend of ${end.when.date}\n`);
  });
});

describe('repeats and conflicts', () => {
  it('claims --about openai --kind figure shows each paragraph-12/25 figure once, citing both', async () => {
    const rows = json(await cli(['claims', '--about', 'openai', '--kind', 'figure', '--json']));
    const figures = yamlClaims.filter((c) => c.kind === 'figure' && c.about?.includes('openai'));
    expect(ids(rows)).toEqual(ids(told(figures)));
    const twice = rows.filter((r: any) => r.paragraphs.length > 1);
    expect(twice.length).toBeGreaterThanOrEqual(3);
    for (const r of twice) {
      const again = figures.filter((c) => c.repeats && first(c).id === r.id);
      expect(r.paragraphs).toEqual([r.paragraph, ...again.map((c) => c.paragraph)].sort((a, b) => a - b));
      expect(r.repeated_by.map((x: any) => x.id).sort()).toEqual(ids(again));
    }
    expect(twice.every((r: any) => r.paragraphs.join() === '12,25')).toBe(true);
    const table = (await cli(['claims', '--about', 'openai', '--kind', 'figure'])).stdout;
    for (const r of twice) expect(table).toMatch(new RegExp(`^${r.id}\\t.*\\t12, 25$`, 'm'));
    const apart = json(await cli(['claims', '--about', 'openai', '--kind', 'figure', '--no-collapse', '--json']));
    expect(ids(apart)).toEqual(ids(figures));
  });

  it('show CLAIM: a first telling with its repeats and every paragraph; a repeat names what it repeats', async () => {
    const again = yamlClaims.filter((c) => c.repeats && c.kind === 'figure');
    expect(again.length).toBeGreaterThan(0);
    for (const r of again) {
      const lead = first(r);
      const all = yamlClaims.filter((c) => c === lead || (c.repeats && first(c) === lead));
      const shown = json(await cli(['show', lead.id, '--json']));
      expect(shown.paragraphs).toEqual([...new Set(all.map((c) => c.paragraph))].sort((a, b) => a - b));
      expect(shown.repeated_by.map((x: any) => x.id).sort()).toEqual(ids(all.filter((c) => c !== lead)));
      const card = (await cli(['show', lead.id])).stdout;
      expect(card).toMatch(new RegExp(`^repeated  .*${r.id} ¶${r.paragraph}`, 'm'));
      const own = json(await cli(['show', r.id, '--json']));
      expect([own.paragraphs, own.repeats, own.repeated_by]).toEqual([[r.paragraph], r.repeats, []]);
    }
  });

  it("a person's card gives each role once, on its roles line, not again as works_at", async () => {
    const card = (await cli(['show', 'li-di'])).stdout;
    const roles = yamlClaims.filter((c) => c.kind === 'role' && c.about[0] === 'li-di' && !c.repeats);
    const line = card.split('\n').find((l) => l.startsWith('roles '))!;
    for (const r of roles) expect(line).toContain(`${r.role}, ${name(r.org)} ¶${r.paragraph}`);
    expect(card).not.toMatch(/^works_at /m);
  });

  it('conflicts lists the paragraph-40 tension as stated, with both figures', async () => {
    const stated = yamlClaims.filter((c) => c.contradicts?.length);
    expect(stated.length).toBeGreaterThan(0);
    const rows = json(await cli(['conflicts', '--json']));
    const pairs = rows.filter((r: any) => r.basis === 'stated').map((r: any) => ids(r.claims).join(' '));
    expect(pairs.sort()).toEqual(
      stated.flatMap((c) => c.contradicts.map((x: string) => [c.id, x].sort().join(' '))).sort(),
    );
    const p40 = rows.find((r: any) => r.claims.every((c: any) => c.paragraph === 40));
    expect(p40.about.map((a: any) => a.id)).toEqual(['dream-thieves']);
    expect(p40.note).toBe(stated.find((c) => c.paragraph === 40).note);
    const tsv = (await cli(['conflicts'])).stdout;
    expect(tsv).toMatch(
      /^stated\tdream thieves\tusers\tf-dream-thieves-[a-z-]+ ¶40: .+\tf-dream-thieves-[a-z-]+ ¶40: /m,
    );
  });
});
