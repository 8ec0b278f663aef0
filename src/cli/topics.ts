// Help topics beyond the commands: `aigc help formatting`.
export const TOPICS: Record<string, string> = {
  formatting: `Output formats

Every list command (companies, products, people, segments, sources, quotes, claims,
search, stats, timeline) prints its rows in one of these formats:

  table   on a terminal (the default there): columns fitted to the width, or
          one field a line where a table would not fit; --wide keeps every
          cell whole
  tsv     piped (the default there): a header line, then a row a line,
          tab-separated; lists joined with ", "
  csv     --format csv: RFC 4180; a cell that a spreadsheet would run as a
          formula (= + - @ tab CR) gets a ' before it, unless --csv-raw
  json    --json or --format json: an array of full records
  jsonl   --format jsonl: one JSON record a line

Choosing rows and fields:
  --json a,b.c     JSON of just these fields, nested as in the full record, so
                   jq reads .value.amount either way (gh's habit)
  --jq EXPR        the JSON filtered by jq (built in: no jq needed); strings
                   print raw, as jq -r prints them
  --fields a,b.c   the columns (or JSON fields) to print; a dotted path reaches
                   inside a field (value.amount, by.name) and through a
                   reference to the record it names (about.aliases)
  --sort FIELD     sort by a field, -FIELD descending; repeatable, the first
                   field first; a row without the field comes last
  --limit n        at most n rows, after sorting
  --no-headers     TSV and CSV without the header line
  --facet FIELD    also count the rows per value of a field, over the whole
                   result: under the table, beside the rows in JSON
                   ({rows, facets}), and on stderr for TSV, CSV and JSON Lines

Each command's help lists its fields and facets: aigc help claims.

Examples:
  $ aigc companies --json id,name,segments | jq '.[0] | keys'
  $ aigc claims --kind figure --sort -value.amount --limit 3
  $ aigc people --fields name,role,organisation --format csv
  $ aigc quotes --speaker "li di" --jq '.[] | "\\(.paragraph): \\(.text)"'
`,
};
