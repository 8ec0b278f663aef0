// `aigc companies`: the organisations (companies, investors and other organisations), each with
// its country and the basis of it.
import { defineList } from '../cli/define.js';
import { UsageError } from '../errors.js';
import { IDENTITIES, ORG_TYPES } from '../model.js';
import type { OutputOptions } from '../output/render.js';
import type { EntityRow } from '../output/shapes.js';
import { splitValues } from '../query/resolve.js';
import { countryOf, entityView, identityOf, isOrg, peopleOf } from '../query/views.js';
import { LISTED_FLAG, SEGMENT_FLAG } from '../cli/entity-flags.js';
import { inSegments } from '../query/members.js';
import { FIELDS } from '../output/fields.js';
import { COUNTRY_CODES, COUNTRY_HINTS } from '../load/countries.js';
import { didYouMean, shown } from '../text/suggest.js';

interface Options extends OutputOptions {
  segment?: string[];
  listed?: boolean;
  type?: string[];
  identity?: string[];
  country?: string[];
  notCountry?: string[];
}

export const command = defineList<Options>({
  name: 'companies',
  summary: 'list organisations: companies, investors, labs, research firms, media',
  examples: [
    'aigc companies --segment video',
    'aigc companies --segment video --listed',
    'aigc companies --facet segment',
    'aigc companies --not-country CN',
    'aigc companies --type investor --json | jq -r ".[].name"',
  ],
  flags: [
    SEGMENT_FLAG,
    LISTED_FLAG,
    {
      name: 'type',
      arg: 'type',
      type: { choice: ORG_TYPES },
      repeatable: true,
      help: `only this type: ${ORG_TYPES.join('|')} (repeatable, or a comma list)`,
    },
    {
      name: 'identity',
      arg: 'identity',
      type: { choice: IDENTITIES },
      repeatable: true,
      help: `only organisations of this identity: ${IDENTITIES.join('|')} (repeatable, or a comma list)`,
    },
    {
      name: 'country',
      arg: 'code',
      repeatable: true,
      help: 'only organisations of this country (ISO code such as CN, US; `none`: no country recorded), by the source or the editor',
    },
    {
      name: 'not-country',
      arg: 'code',
      repeatable: true,
      help: 'only organisations whose recorded country is not this one (those with none recorded are left out)',
    },
  ],
  list: {
    fields: FIELDS.entity,
    // Asked by country, each row says its country and the basis of it ("United States (editor)").
    columns: (o) =>
      o.country?.length || o.notCountry?.length
        ? ['id', 'name', 'type', 'country', 'segments', 'description']
        : ['id', 'name', 'type', 'segments', 'description'],
    wide: ['description'],
    // The people with a role there, beside its products: `--fields name,people,products`.
    computed: { people: (row: EntityRow) => peopleOf(row) },
    facets: {
      segment: 'segments',
      type: 'type',
      country: 'country.code',
      identity: 'identity.value',
      source: 'sources',
    },
  },
  async run(ctx, _args, o) {
    const { kb } = await ctx.load();
    let orgs = kb.entities.filter(isOrg);
    if (o.type?.length) orgs = orgs.filter((e) => o.type?.includes(e.type));
    orgs = inSegments(kb, orgs, o.segment, o.listed);
    const identities = splitValues(o.identity);
    if (identities.length) orgs = orgs.filter((e) => identities.includes(identityOf(e).value));
    const want = countries(o.country, '--country');
    if (want.length) orgs = orgs.filter((e) => want.includes(countryOf(e)?.code ?? 'none'));
    const not = countries(o.notCountry, '--not-country');
    if (not.length) orgs = orgs.filter((e) => countryOf(e) !== null && !not.includes(countryOf(e)!.code));
    return orgs.map((e) => entityView(kb, e));
  },
});

// Country codes as given (any case), checked; `none` stands for no country recorded.
function countries(values: string[] | undefined, flag: string): string[] {
  return splitValues(values).map((v) => {
    if (v.toLowerCase() === 'none') return 'none';
    const code = v.toUpperCase();
    if (COUNTRY_CODES.includes(code)) return code;
    const hint = COUNTRY_HINTS[code] ? ` (did you mean ${COUNTRY_HINTS[code]}?)` : didYouMean(code, COUNTRY_CODES);
    throw new UsageError(
      `${flag} wants an ISO 3166-1 alpha-2 code such as CN or US, or none; got "${shown(v)}"${hint}`,
    );
  });
}
