// Help topics beyond the commands: `aigc help formatting`.
export const TOPICS: Record<string, string> = {
  formatting: `Output formats

Every list command (companies, products, people, segments, sources, quotes, claims,
search, stats, timeline) prints its rows in one of these formats:

  table   on a terminal (the default there): columns fitted to the width
  tsv     when piped (the default there): a header line, then one row a line,
          tab-separated; lists joined with ", "
  json    --json or --format json: an array of full records
  jsonl   --format jsonl: one JSON record a line

Choosing what is printed:
  --fields a,b.c   the columns (or JSON fields) to print; a dotted path reaches
                   inside a field (value.amount, by.name) and through a reference
                   to the record it names (about.aliases)
  --limit n        at most n rows
  --facet FIELD    also count the rows per value of a field (table and JSON:
                   in JSON the answer becomes {rows, facets})

Each command's help lists its fields and facets: aigc help claims.
`,
};
