#!/usr/bin/env node
// Generates a synthetic knowledge base in the real schema, for benchmarks and tests:
//
//   node scripts/synth.mjs --records 100000 --out DIR [--seed N] [--files N]
//                          [--json-out FILE] [--summary]
//
// "records" counts sources + entities + claims: about 30% entities, 70% claims and a few
// sources. The same seed gives byte-identical files. Every name and alias is unique across
// the KB (compared as the loader compares them), every id is a unique slug, and every
// reference resolves, so `aigc validate --kb DIR` reports no problems.
//
// Layout: DIR/sources.yaml, DIR/entities/NNNN.yaml and DIR/claims/NNNN.yaml, about 1,000
// records a file. --files N writes exactly N files instead (1: DIR/kb.yaml; 2: sources with the
// entities; mind the loader's 16 MiB limit for one file: about 65,000 records). DIR must be
// empty or absent, or a folder this script wrote before (it holds a hidden .aigc-synth file),
// whose generated files are then replaced.
// --json-out FILE also writes the same records as one JSON object {sources, entities, claims}.
// --summary prints the counts of what was written as JSON on stdout.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { transformSync } from 'esbuild';

// The loader's own name key (src/text/normalize.ts): case-, accent- and width-insensitive.
// Compiled from the source here, so the generator's names are unique exactly as the loader
// compares them.
const { nameKey } = await import(
  `data:text/javascript,${encodeURIComponent(
    transformSync(readFileSync(new URL('../src/text/normalize.ts', import.meta.url), 'utf8'), {
      loader: 'ts',
      format: 'esm',
    }).code,
  )}`
);
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const o = { records: 1000, out: undefined, seed: 1, files: undefined, jsonOut: undefined, summary: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) die(`${a} needs a value`);
      return v;
    };
    const int = (v, min) => {
      const n = Number(String(v).replace(/_/g, ''));
      if (!Number.isSafeInteger(n) || n < min) die(`${a} wants a whole number of at least ${min}, got "${v}"`);
      return n;
    };
    if (a === '--records') o.records = int(val(), 20);
    else if (a === '--out') o.out = val();
    else if (a === '--seed') o.seed = int(val(), 0);
    else if (a === '--files') o.files = int(val(), 1);
    else if (a === '--json-out') o.jsonOut = val();
    else if (a === '--summary') o.summary = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(
        'usage: node scripts/synth.mjs --records N --out DIR [--seed N] [--files N] [--json-out FILE] [--summary]\n',
      );
      process.exit(0);
    } else die(`unknown argument "${a}"`);
  }
  if (!o.out) die('--out DIR is required');
  return o;
}

function die(msg) {
  process.stderr.write(`synth: ${msg}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------
// A small seeded PRNG (sfc32, seeded through splitmix32), so a seed gives the same KB on
// every machine and Node version.

function makeRng(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(),
    b = split(),
    c = split(),
    d = split();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    // Picks by weight: [[value, weight], ...]
    weighted: (pairs) => {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [v, w] of pairs) if ((x -= w) < 0) return v;
      return pairs[pairs.length - 1][0];
    },
    // k distinct items of list (k is small: drawn by rejection, in draw order)
    some: (list, k) => {
      const at = new Set();
      const n = Math.min(k, list.length);
      while (at.size < n) at.add(Math.floor(next() * list.length));
      return [...at].map((i) => list[i]);
    },
  };
  return r;
}

// ---------------------------------------------------------------------------------------
// Names. Each entity takes a word built from a counter in a base of pinyin-like syllables
// (an initial consonant and a vowel group; no vowel group holds a consonant letter, so two
// counters never spell the same word). The counter is scrambled by a multiplier prime to the
// space, so neighbouring entities do not share a first syllable. Chinese aliases are built the
// same way from Han characters. A set of name keys guards uniqueness all the same.

const INITIALS = [
  'b',
  'c',
  'ch',
  'd',
  'f',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'q',
  'r',
  's',
  'sh',
  't',
  'w',
  'x',
  'y',
  'z',
  'zh',
];
const FINALS = ['a', 'ai', 'ao', 'e', 'ei', 'i', 'ia', 'iao', 'ie', 'io', 'iu', 'o', 'ou', 'u', 'ua', 'uo', 'ui'];
const SYLLABLES = INITIALS.flatMap((i) => FINALS.map((f) => i + f));
// Characters for Chinese names; none of them is in a suffix or a surname below.
const HAN = [
  ...'云星海天华新达联通数源象深度言图视音灵犀光影墨语声月明智元启跃极澜川山峰远航思维趣奇若鹿鲸羽辰泽宇宙蓝青橙曜弈',
];
const HAN_SURNAMES = [...'李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'];
const SURNAMES = [
  'Li',
  'Wang',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Zhao',
  'Huang',
  'Zhou',
  'Wu',
  'Xu',
  'Sun',
  'Hu',
  'Zhu',
  'Gao',
  'Lin',
  'He',
  'Guo',
  'Ma',
  'Luo',
];

function scrambled(counter, space) {
  // 1_000_003 is prime and larger than any base used here, so it is coprime with `space`
  // whenever space is not a multiple of it.
  return Number((BigInt(counter) * 1000003n + 7n) % BigInt(space));
}

function encode(n, digits, alphabet) {
  let s = '';
  for (let i = 0; i < digits; i++) {
    s = alphabet[n % alphabet.length] + s;
    n = Math.floor(n / alphabet.length);
  }
  return s;
}

function capital(s) {
  return s[0].toUpperCase() + s.slice(1);
}

// The smallest number of digits in `base` that gives `need` distinct values.
function digitsFor(need, base) {
  let d = 1;
  while (base ** d < need) d++;
  return d;
}

function slug(s) {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// ---------------------------------------------------------------------------------------
// Vocabulary

const SEGMENTS = [
  {
    id: 'text-generation',
    name: 'Text generation',
    aliases: ['AI text generation', '文本生成'],
    word: 'AIGC that writes text: chat, copy and code',
  },
  {
    id: 'image-generation',
    name: 'Image generation',
    aliases: ['AI image generation', 'AI painting', '图像生成'],
    word: 'AIGC that paints and edits images',
  },
  {
    id: 'video-generation',
    name: 'Video generation',
    aliases: ['AI video generation', '视频生成'],
    word: 'AIGC that generates and edits video',
  },
  {
    id: 'audio-generation',
    name: 'Audio generation',
    aliases: ['AI audio generation', '音频生成'],
    word: 'AIGC that generates speech, audio and music',
  },
  {
    id: 'game-ai',
    name: 'Game AI',
    aliases: ['AI for games', '游戏AI'],
    word: 'AI that generates game content and characters',
  },
  {
    id: 'digital-humans',
    name: 'Digital humans',
    aliases: ['Digital people', '数字人'],
    word: 'AI-generated digital people and virtual hosts',
  },
  {
    id: 'foundation-models',
    name: 'Foundation models',
    aliases: ['Large models', '大模型'],
    word: 'The large pre-trained models that other AIGC builds on',
  },
];
// Foundation models and text draw the most members, as in the real landscape.
const SEGMENT_WEIGHTS = [
  ['text-generation', 5],
  ['image-generation', 4],
  ['video-generation', 3],
  ['audio-generation', 2],
  ['game-ai', 2],
  ['digital-humans', 3],
  ['foundation-models', 5],
];

const ORG_SUFFIX = {
  company: ['Technology', 'AI', 'Intelligence', 'Labs', 'Tech', 'Network', 'Digital', 'Interactive'],
  investor: ['Capital', 'Ventures', 'Partners', 'Fund'],
  organisation: ['Institute', 'Academy', 'Association', 'Research', 'Media'],
};
const ORG_HAN_SUFFIX = { company: ['科技', '智能'], investor: ['资本', '基金'], organisation: ['研究院', '协会'] };
const PRODUCT_SUFFIX = [
  'GPT',
  'Bot',
  'Chat',
  'Vision',
  'Draw',
  'Voice',
  'Avatar',
  'Studio',
  'Engine',
  'Video',
  'Writer',
  'Music',
];
const ROLES = [
  'CEO',
  'CTO',
  'founder',
  'co-founder',
  'chief scientist',
  'vice president',
  'head of research',
  'product lead',
  'partner',
  'researcher',
  'engineer',
];
const CITIES = [
  'Beijing',
  'Shanghai',
  'Shenzhen',
  'Hangzhou',
  'Guangzhou',
  'Chengdu',
  'Nanjing',
  'Suzhou',
  'Wuhan',
  "Xi'an",
];
const PUBLISHERS = [
  '36Kr',
  'Caixin',
  'Jiemian',
  'LatePost',
  'Tencent News',
  'Sina Tech',
  'The Paper',
  'Leiphone',
  'Geekpark',
  'iResearch',
  'IDC China',
  'CAICT',
];
const TOPICS = [
  'large models',
  'AI painting',
  'digital people',
  'video generation',
  'voice cloning',
  'AI for games',
  'text generation',
  'computing power',
  'training data',
  'open-source models',
  'AIGC',
  'chat robots',
  'model inference costs',
];
const VERBS = ['reshape', 'commoditise', 'transform', 'disrupt', 'lower the cost of', 'speed up', 'redefine'];
const INDUSTRIES = [
  'e-commerce',
  'advertising',
  'film',
  'education',
  'customer service',
  'gaming',
  'news',
  'music',
  'design',
  'live streaming',
];
const ZH_QUOTES = [
  '大模型的竞争是数据、算力和资金的竞争。',
  '今年是AIGC商业化的元年。',
  '我们不追热点，只做长期的事情。',
  '数字人是最先跑通商业模式的方向。',
  '算力成本仍然是最大的瓶颈。',
];
const BASES = [
  'last year',
  'early this year',
  'around the Spring Festival',
  'two years ago',
  'at the end of last year',
  'this spring',
  'recently',
  'the year before last',
];
const FIGURE_KINDS = [
  // unit, measures (with {s} the subject's name), amount range, range probability, measure kind, per
  ['USD', 'funding raised by {s} in its latest round', [5e6, 2e9], 0.2, 'funding-round'],
  ['USD', 'annual revenue of {s}', [1e6, 5e9], 0.3, 'revenue', 'year'],
  ['CNY', 'valuation of {s}', [1e8, 5e10], 0.3, 'valuation'],
  ['CNY', 'yearly computing spend of {s}', [1e7, 3e9], 0.3, 'spending', 'year'],
  ['users', 'monthly active users of {s}', [1e4, 8e8], 0.2, 'users', 'month'],
  ['users', 'registered users of {s}', [1e5, 1e9], 0.1, 'users'],
  ['people', 'headcount of {s}', [10, 20000], 0.2, 'headcount'],
  ['percent', 'share of {s} revenue from AIGC', [1, 95], 0.3, 'share'],
  ['percent', 'year-on-year growth of {s}', [-20, 400], 0.2, 'other'],
  ['parameters', 'parameter count of {s}', [1e8, 2e12], 0.25, 'parameters'],
];
const EVENT_KINDS = [
  ['{s} launched {p}.', 'product'],
  ['{s} closed a financing round led by {o}.', 'invest'],
  ['{s} opened a research centre in {c}.', 'city'],
  ['{s} released an open-source version of {p}.', 'product'],
  ['{s} signed a partnership with {o}.', 'org'],
  ['{s} received a generative-AI service filing from the regulator.', 'none'],
  ['{s} announced a price cut for {p}.', 'product'],
];

// ---------------------------------------------------------------------------------------
// Generation

export function generate({ records: total, seed }) {
  const rng = makeRng(seed);
  const usedNames = new Set();
  const usedIds = new Set();
  const takeName = (n) => {
    const k = nameKey(n);
    if (usedNames.has(k)) return false;
    usedNames.add(k);
    return true;
  };
  const takeId = (id) => {
    if (usedIds.has(id)) throw new Error(`synth: duplicate id ${id}`);
    usedIds.add(id);
    return id;
  };

  const nSources = Math.max(3, Math.round(total / 500));
  const rest = total - nSources;
  const nEntities = Math.max(SEGMENTS.length + 6, Math.round(rest * 0.3));
  const nClaims = rest - nEntities;
  if (nClaims < 1) throw new Error('synth: too few records');
  const nOthers = nEntities - SEGMENTS.length;

  // Word spaces, sized to the entities to name: Latin words of two or more syllables.
  const latinDigits = Math.max(2, digitsFor(nOthers * 2, SYLLABLES.length));
  const latinSpace = SYLLABLES.length ** latinDigits;
  const hanDigits = Math.max(2, digitsFor(nOthers * 2, HAN.length));
  const hanSpace = HAN.length ** hanDigits;
  let wordCounter = 0;
  let hanCounter = 0;
  const word = () => capital(encode(scrambled(wordCounter++, latinSpace), latinDigits, SYLLABLES));
  const hanWord = () => encode(scrambled(hanCounter++, hanSpace), hanDigits, HAN);

  // Sources
  const sources = [];
  for (let i = 0; i < nSources; i++) {
    const kind = rng.weighted([
      ['article', 6],
      ['report', 3],
      ['interview', 2],
    ]);
    const publisher = rng.pick(PUBLISHERS);
    const year = rng.int(2019, 2025);
    const month = rng.int(1, 12);
    const day = rng.int(1, 28);
    const inferred = rng.chance(0.15);
    const en = rng.chance(0.5);
    const topic = rng.pick(TOPICS);
    const title =
      kind === 'report'
        ? `China ${topic} industry report ${year}`
        : kind === 'interview'
          ? `Interview: building ${topic} in ${rng.pick(CITIES)}, part ${i + 1}`
          : `Who is winning the race in ${topic}? Notes from ${rng.pick(CITIES)} (${i + 1})`;
    const s = {
      id: takeId(`src-${String(i + 1).padStart(4, '0')}-${slug(publisher)}`),
      kind,
      title,
      publisher,
      published: inferred ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`,
    };
    if (inferred) s.published_inferred = true;
    if (rng.chance(0.7)) s.url = `https://news.example.cn/${year}/${pad(month)}/${slug(publisher)}-${i + 1}.html`;
    s.language = en ? 'en' : 'zh';
    if (en && rng.chance(0.6)) s.translated_from = 'zh';
    s.paragraphs = 'blank-line-blocks';
    if (inferred)
      s.note = `Not dated in the text: the month is inferred from events it reports (paragraph ${rng.int(2, 9)}).`;
    sources.push(s);
  }
  const srcIds = sources.map((s) => s.id);
  const someSources = () => rng.some(srcIds, rng.chance(0.8) ? 1 : 2);
  const para = () => rng.int(1, 140);
  // A relation stated by the source, in a paragraph of the entity's first source, or the editor's.
  const based = (r, e) =>
    rng.chance(0.7) ? { ...r, paragraph: rng.int(1, 140), source: e.sources[0] } : { ...r, editor: true };

  // Entities: segments first, then organisations, people and products interleaved as a KB
  // grows (an organisation is written before the people and products that point at it).
  const entities = [];
  for (const seg of SEGMENTS) {
    takeId(seg.id);
    takeName(seg.name);
    for (const a of seg.aliases) takeName(a);
    entities.push({
      id: seg.id,
      type: 'segment',
      name: seg.name,
      aliases: seg.aliases,
      description: `${seg.word}; one of the seven segments the knowledge base sorts organisations and products into.`,
      sources: [srcIds[0]],
    });
  }
  const orgs = [];
  const companies = [];
  const people = [];
  const products = [];
  const pickSegments = (max) => {
    const k = rng.weighted(
      [
        [1, 6],
        [2, 3],
        [3, 1],
      ].filter(([n]) => n <= max),
    );
    const out = new Set();
    while (out.size < k) out.add(rng.weighted(SEGMENT_WEIGHTS));
    return [...out];
  };

  const makeOrg = () => {
    const type = rng.weighted([
      ['company', 75],
      ['investor', 10],
      ['organisation', 15],
    ]);
    let w, name;
    do {
      w = word();
      name = type === 'company' && rng.chance(0.25) ? w : `${w} ${rng.pick(ORG_SUFFIX[type])}`;
    } while (!takeName(name));
    const e = { id: takeId(slug(name)), type, name };
    const aliases = [];
    // Chinese names are the editor's: the sources are read in translation.
    if (rng.chance(0.55)) {
      const zh = hanWord() + rng.pick(ORG_HAN_SUFFIX[type]);
      if (takeName(zh)) e.editorNames = [zh];
    }
    if (name !== w && rng.chance(0.3) && takeName(w)) aliases.push(w);
    if (rng.chance(0.1)) {
      const en = `${w} ${rng.pick(CITIES)}`;
      if (takeName(en)) aliases.push(en);
    }
    if (aliases.length) e.aliases = aliases;
    const city = rng.pick(CITIES);
    if (rng.chance(0.85)) {
      e.description =
        type === 'investor'
          ? `${city}-based investor backing AIGC start-ups in ${rng.pick(TOPICS)}.`
          : type === 'organisation'
            ? `${city} organisation that studies and reports on ${rng.pick(TOPICS)}.`
            : `${city} company building ${rng.pick(TOPICS)} for ${rng.pick(INDUSTRIES)}.`;
    }
    if (type !== 'investor' || rng.chance(0.3)) e.segments = pickSegments(type === 'company' ? 3 : 2);
    const relations = [];
    if (type === 'company' && companies.length > 20 && rng.chance(0.06)) {
      relations.push({ kind: 'part_of', to: rng.pick(companies).id });
    }
    if (type === 'investor' && companies.length) {
      for (const c of rng.some(companies.slice(-200), rng.int(1, 4))) relations.push({ kind: 'invests_in', to: c.id });
    }
    e.sources = someSources();
    if (relations.length) e.relations = relations.map((r) => based(r, e));
    if (rng.chance(0.05)) e.note = `The source also spells it "${w.toLowerCase()}", which differs only in case.`;
    orgs.push(e);
    if (type === 'company') companies.push(e);
    return e;
  };

  const makePerson = () => {
    const si = rng.int(0, SURNAMES.length - 1);
    let name;
    do name = `${SURNAMES[si]} ${word()}`;
    while (!takeName(name));
    const e = { id: takeId(slug(name)), type: 'person', name };
    if (rng.chance(0.6)) {
      const zh = HAN_SURNAMES[si] + hanWord();
      if (takeName(zh)) e.editorNames = [zh];
    }
    const jobs = rng.some(orgs.length > 50 ? orgs.slice(-300) : orgs, rng.chance(0.85) ? 1 : 2);
    const first = jobs[0];
    if (rng.chance(0.8))
      e.description = `${capital(rng.pick(ROLES))} at ${first.name}; speaks about ${rng.pick(TOPICS)}.`;
    // Who works where is said by role claims, written with the other claims.
    e.jobs = jobs.map((o) => ({ org: o, role: o.type === 'investor' ? 'partner' : rng.pick(ROLES) }));
    e.sources = someSources();
    e.employer = first; // dropped before writing
    people.push(e);
    return e;
  };

  const makeProduct = () => {
    const maker = rng.pick(companies.length > 50 ? companies.slice(-300) : companies.length ? companies : orgs);
    let w, name;
    do {
      w = word();
      name = rng.chance(0.2) ? `${w}-${rng.int(1, 5)}` : `${w} ${rng.pick(PRODUCT_SUFFIX)}`;
    } while (!takeName(name));
    const e = { id: takeId(slug(name)), type: 'product', name };
    if (rng.chance(0.4)) {
      const zh = hanWord();
      if (takeName(zh)) e.editorNames = [zh];
    }
    if (rng.chance(0.8))
      e.description = `${rng.pick(['Model', 'App', 'Tool', 'Service', 'Platform'])} by ${maker.name} for ${rng.pick(INDUSTRIES)}.`;
    e.segments = pickSegments(2);
    const relations = [{ kind: 'maker', to: maker.id }];
    if (products.length > 10 && rng.chance(0.15)) {
      relations.push({ kind: 'based_on', to: rng.pick(products).id, note: "Built on it, by its maker's account." });
    }
    e.sources = someSources();
    e.relations = relations.map((r) => based(r, e));
    e.maker = maker; // dropped before writing
    products.push(e);
    return e;
  };

  // Organisations 30%, people 35%, products 35%, never a person or product before any org.
  for (let i = 0; i < Math.min(5, nOthers); i++) entities.push(makeOrg());
  while (entities.length < nEntities) {
    const t = rng.weighted([
      ['org', 30],
      ['person', 35],
      ['product', 35],
    ]);
    entities.push(t === 'org' ? makeOrg() : t === 'person' ? makePerson() : makeProduct());
  }

  // Claims: quotes 30%, statements 35%, figures 20%, events 15%.
  const claims = [];
  const speakers = [...people, ...orgs];
  const subjects = [...orgs, ...products, ...people];
  const orgsAndProducts = [...orgs, ...products];
  let claimNo = 0;
  const claimId = (prefix, about) =>
    takeId(
      `${prefix}-${String(++claimNo).padStart(6, '0')}${about ? `-${about.id.slice(0, 24).replace(/-+$/, '')}` : ''}`,
    );
  // A role claim for each post of each person, in the source the person is cited in.
  for (const p of people) {
    for (const j of p.jobs) {
      if (claims.length >= nClaims) break;
      claims.push({
        id: claimId('r', p),
        kind: 'role',
        about: [p.id],
        role: j.role,
        org: j.org.id,
        source: p.sources[0],
        paragraph: para(),
      });
    }
  }
  for (let i = claims.length; i < nClaims; i++) {
    const kind = rng.weighted([
      ['quote', 30],
      ['statement', 35],
      ['figure', 20],
      ['event', 15],
    ]);
    const source = rng.pick(srcIds);
    if (kind === 'quote') {
      const by = people.length && rng.chance(0.9) ? rng.pick(people) : rng.pick(orgs);
      const about = by.employer && rng.chance(0.8) ? by.employer : rng.pick(orgs);
      const text = rng.chance(0.1)
        ? rng.pick(ZH_QUOTES)
        : rng.pick([
            `${capital(rng.pick(TOPICS))} will ${rng.pick(VERBS)} ${rng.pick(INDUSTRIES)} within ${rng.int(2, 10)} years.`,
            `We are not chasing the hype; ${rng.pick(TOPICS)} is a long game, and it's really expensive.`,
            `The gap is not technology: it is focus and determination in ${rng.pick(TOPICS)}.`,
            `Our customers in ${rng.pick(INDUSTRIES)} pay for results, not for "AI".`,
            `Without enough computing power, ${rng.pick(TOPICS)} is just a demo.`,
          ]);
      const c = { id: claimId('q', by), kind, about: [about.id], by: by.id, text, source, paragraph: para() };
      if (rng.chance(0.05)) c.note = 'The sentence after the quotation names the speaker.';
      claims.push(c);
    } else if (kind === 'statement') {
      const about = rng.some(subjects, rng.int(1, 3));
      const by = rng.chance(0.2) ? null : rng.pick(speakers);
      const text = `${by ? by.name : 'The article'} ${rng.pick(['says', 'holds', 'argues', 'notes'])} that ${about[0].name} ${rng.pick(
        [
          `leads in ${rng.pick(TOPICS)}`,
          `is betting on ${rng.pick(TOPICS)} for ${rng.pick(INDUSTRIES)}`,
          `struggles to turn ${rng.pick(TOPICS)} into revenue`,
          `has hired heavily in ${rng.pick(CITIES)}`,
        ],
      )}.`;
      claims.push({
        id: claimId('s', about[0]),
        kind,
        about: about.map((e) => e.id),
        by: by ? by.id : null,
        text,
        source,
        paragraph: para(),
      });
    } else if (kind === 'figure') {
      const [unit, measure, [lo, hi], pRange, kindOf, per] = rng.pick(FIGURE_KINDS);
      const subject =
        unit === 'parameters' && products.length
          ? rng.pick(products)
          : rng.pick(unit === 'parameters' ? orgs : orgsAndProducts);
      const amount = roundish(lo, hi, rng);
      const max = rng.chance(pRange)
        ? roundish(amount + Math.abs(amount) * 0.1 + 1, amount + Math.abs(amount) * 0.8 + 1, rng)
        : amount;
      const value = max > amount ? { min: amount, max, unit } : { amount, unit };
      if (per) value.per = per;
      const by = rng.chance(0.3) ? null : rng.pick(speakers);
      const c = {
        id: claimId('f', subject),
        kind,
        about: [subject.id],
        by: by ? by.id : null,
        text: `${capital(measure.replace('{s}', subject.name))} is ${fmtValue(value)}${by ? `, according to ${by.name}` : ''}.`,
        value,
        measure: kindOf,
        measures: measure.replace('{s}', subject.name),
      };
      if (rng.chance(0.4)) c.when = { date: randomDate(rng, 'any') };
      c.source = source;
      c.paragraph = para();
      if (rng.chance(0.05)) c.note = 'The source gives no period; read as the latest year.';
      claims.push(c);
    } else {
      const [tpl, extra] = rng.pick(EVENT_KINDS);
      const s = rng.pick(orgs);
      const p = products.length ? rng.pick(products) : rng.pick(orgs);
      const o = rng.pick(orgs);
      const text = tpl
        .replace('{s}', s.name)
        .replace('{p}', p.name)
        .replace('{o}', o.name)
        .replace('{c}', rng.pick(CITIES));
      const about = [s.id];
      if (extra === 'product' && p.id !== s.id) about.push(p.id);
      if ((extra === 'invest' || extra === 'org') && o.id !== s.id) about.push(o.id);
      const date = randomDate(
        rng,
        rng.weighted([
          ['year', 3],
          ['month', 4],
          ['day', 3],
        ]),
      );
      const when = { date };
      if (rng.chance(0.1) && date.length === 4) when.end = String(Number(date) + rng.int(0, 2));
      if (rng.chance(0.3)) {
        when.inferred = true;
        when.basis = rng.pick(BASES);
      } else if (rng.chance(0.3)) when.inferred = false;
      const by = rng.chance(0.5) ? null : rng.pick(speakers);
      claims.push({ id: claimId('e', s), kind, about, by: by ? by.id : null, text, when, source, paragraph: para() });
    }
  }

  for (const e of people) {
    delete e.employer;
    delete e.jobs;
  }
  for (const e of products) delete e.maker;
  return { sources, entities, claims };
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function randomDate(rng, precision) {
  const p = precision === 'any' ? rng.pick(['year', 'month', 'day']) : precision;
  const y = String(rng.int(2015, 2025));
  if (p === 'year') return y;
  const m = `${y}-${pad(rng.int(1, 12))}`;
  return p === 'month' ? m : `${m}-${pad(rng.int(1, 28))}`;
}

// A number between lo and hi with two or three significant figures, as sources round them.
function roundish(lo, hi, rng) {
  const x = lo + (hi - lo) * rng.next() ** 2;
  if (Math.abs(x) < 100) return Math.round(x * 10) / 10;
  const mag = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 1);
  return Math.round(x / mag) * mag;
}

function fmtValue(v) {
  const n = (x) =>
    Math.abs(x) >= 1e9
      ? `${+(x / 1e9).toFixed(2)} billion`
      : Math.abs(x) >= 1e6
        ? `${+(x / 1e6).toFixed(2)} million`
        : String(x);
  const unit = v.unit === 'percent' ? '%' : ` ${v.unit}`;
  return 'amount' in v ? `${n(v.amount)}${unit}` : `${n(v.min)} to ${n(v.max)}${unit}`;
}

// ---------------------------------------------------------------------------------------
// YAML text, written directly: plain scalars where YAML reads them back as the same string,
// else JSON-style double-quoted strings (valid YAML).

const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;
function s(v) {
  if ((/^[A-Za-z][A-Za-z0-9 .()-]*[A-Za-z0-9.)]$/.test(v) || /^[A-Za-z]$/.test(v)) && !RESERVED.test(v)) return v;
  if (/^\p{Script=Han}+$/u.test(v)) return v;
  return JSON.stringify(v);
}
const list = (xs) => `[${xs.map(s).join(', ')}]`;
const num = (n) => JSON.stringify(n);

function sourceYaml(x) {
  let y = `  - id: ${x.id}\n    kind: ${x.kind}\n    title: ${s(x.title)}\n    publisher: ${s(x.publisher)}\n    published: "${x.published}"\n`;
  if (x.published_inferred) y += '    published_inferred: true\n';
  if (x.url) y += `    url: ${x.url}\n`;
  y += `    language: ${x.language}\n`;
  if (x.translated_from) y += `    translated_from: ${x.translated_from}\n`;
  y += `    paragraphs: ${x.paragraphs}\n`;
  if (x.note) y += `    note: ${s(x.note)}\n`;
  return y;
}

function relationYaml(r) {
  let y = `{kind: ${r.kind}, to: ${r.to}`;
  y += r.editor ? ', editor: true' : `, paragraph: ${r.paragraph}, source: ${r.source}`;
  if (r.note) y += `, note: ${s(r.note)}`;
  return `${y}}`;
}

function entityYaml(e) {
  let y = `  - id: ${e.id}\n    type: ${e.type}\n    name: ${s(e.name)}\n`;
  if (e.aliases) y += `    aliases: ${list(e.aliases)}\n`;
  if (e.editorNames) y += `    editor: {names: ${list(e.editorNames)}}\n`;
  if (e.description) y += `    description: ${s(e.description)}\n`;
  if (e.segments) y += `    segments: ${list(e.segments)}\n`;
  if (e.relations) {
    y += '    relations:\n';
    for (const r of e.relations) y += `      - ${relationYaml(r)}\n`;
  }
  if (e.sources) y += `    sources: ${list(e.sources)}\n`;
  if (e.note) y += `    note: ${s(e.note)}\n`;
  return y;
}

function claimYaml(c) {
  if (c.kind === 'role')
    return `  - {id: ${c.id}, kind: role, about: ${list(c.about)}, role: ${s(c.role)}, org: ${c.org}, source: ${c.source}, paragraph: ${c.paragraph}}\n`;
  let y = `  - id: ${c.id}\n    kind: ${c.kind}\n    about: ${list(c.about)}\n    by: ${c.by ?? 'null'}\n    text: ${JSON.stringify(c.text)}\n`;
  if (c.value) {
    const v = c.value;
    const per = v.per ? `, per: ${v.per}` : '';
    y +=
      'amount' in v
        ? `    value: {amount: ${num(v.amount)}, unit: ${v.unit}${per}}\n`
        : `    value: {min: ${num(v.min)}, max: ${num(v.max)}, unit: ${v.unit}${per}}\n`;
  }
  if (c.measure) y += `    measure: ${c.measure}\n`;
  if (c.measures) y += `    measures: ${JSON.stringify(c.measures)}\n`;
  if (c.when) {
    const w = c.when;
    if (w.inferred === undefined && w.end === undefined) y += `    when: {date: "${w.date}"}\n`;
    else {
      y += `    when:\n      date: "${w.date}"\n`;
      if (w.end) y += `      end: "${w.end}"\n`;
      if (w.inferred !== undefined) y += `      inferred: ${w.inferred}\n`;
      if (w.basis) y += `      basis: ${JSON.stringify(w.basis)}\n`;
    }
  }
  y += `    source: ${c.source}\n    paragraph: ${c.paragraph}\n`;
  if (c.note) y += `    note: ${JSON.stringify(c.note)}\n`;
  return y;
}

// ---------------------------------------------------------------------------------------
// Writing

const MARKER = '.aigc-synth';

function prepareOut(dir) {
  if (!existsSync(dir)) return mkdirSync(dir, { recursive: true });
  const names = readdirSync(dir);
  if (!names.length) return;
  if (!names.includes(MARKER)) die(`${dir} is not empty and was not written by synth.mjs; give an empty or new folder`);
  for (const n of ['kb.yaml', 'sources.yaml', 'entities', 'claims', MARKER])
    rmSync(join(dir, n), { recursive: true, force: true });
}

// n nearly equal consecutive parts of list (n at most its length, at least 1).
function split(list, n) {
  const k = Math.max(1, Math.min(n, list.length));
  return Array.from({ length: k }, (_, i) =>
    list.slice(Math.floor((i * list.length) / k), Math.floor(((i + 1) * list.length) / k)),
  );
}

export function write(kb, o) {
  const dir = resolve(o.out);
  prepareOut(dir);
  const E = kb.entities.length;
  const C = kb.claims.length;
  // Files for the entities and for the claims: about 1,000 records each by default; with
  // --files N, exactly N files in all (sources.yaml is one of them from N = 3 on).
  let entityFiles = Math.ceil(E / 1000);
  let claimFiles = Math.ceil(C / 1000);
  if (o.files >= 3) {
    entityFiles = Math.min(o.files - 2, Math.max(1, Math.round(((o.files - 1) * E) / (E + C))));
    claimFiles = o.files - 1 - entityFiles;
  }
  const header = (what) =>
    `# Synthetic AIGC knowledge base (seed ${o.seed}): ${what}. Generated by scripts/synth.mjs; not real data.\n`;
  const sourcesText = `sources:\n${kb.sources.map(sourceYaml).join('')}`;
  const entitiesText = (part) => `entities:\n${part.map(entityYaml).join('')}`;
  const claimsText = (part) => `claims:\n${part.map(claimYaml).join('')}`;
  const files = [];
  const put = (rel, text) => {
    const abs = join(dir, rel);
    mkdirSync(join(abs, '..'), { recursive: true });
    writeFileSync(abs, text);
    files.push(rel);
  };
  if (o.files === 1) {
    put('kb.yaml', `${header('the whole KB')}${sourcesText}${entitiesText(kb.entities)}${claimsText(kb.claims)}`);
  } else if (o.files === 2) {
    put('entities/0001.yaml', `${header('sources and entities')}${sourcesText}${entitiesText(kb.entities)}`);
    put('claims/0001.yaml', `${header('claims')}${claimsText(kb.claims)}`);
  } else {
    put('sources.yaml', `${header('sources')}${sourcesText}`);
    split(kb.entities, entityFiles).forEach((part, i) =>
      put(
        `entities/${String(i + 1).padStart(4, '0')}.yaml`,
        `${header(`entities, part ${i + 1}`)}${entitiesText(part)}`,
      ),
    );
    split(kb.claims, claimFiles).forEach((part, i) =>
      put(`claims/${String(i + 1).padStart(4, '0')}.yaml`, `${header(`claims, part ${i + 1}`)}${claimsText(part)}`),
    );
  }
  const summary = summarise(kb, o, files);
  writeFileSync(join(dir, MARKER), `${JSON.stringify(summary, null, 2)}\n`);
  if (o.jsonOut) writeFileSync(resolve(o.jsonOut), JSON.stringify(kb));
  return summary;
}

function summarise(kb, o, files) {
  const count = (list, key) => {
    const m = {};
    for (const x of list) m[x[key]] = (m[x[key]] ?? 0) + 1;
    return m;
  };
  return {
    seed: o.seed,
    records: kb.sources.length + kb.entities.length + kb.claims.length,
    sources: kb.sources.length,
    entities: kb.entities.length,
    claims: kb.claims.length,
    files: files.length,
    entityTypes: count(kb.entities, 'type'),
    claimKinds: count(kb.claims, 'kind'),
  };
}

// ---------------------------------------------------------------------------------------

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const o = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const kb = generate(o);
  const summary = write(kb, o);
  const ms = Math.round(performance.now() - t0);
  if (o.summary) process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.stderr.write(
    `synth: ${summary.records} records (${summary.sources} sources, ${summary.entities} entities, ${summary.claims} claims) in ${summary.files} files under ${o.out}, seed ${o.seed}, ${ms} ms\n`,
  );
}
