// Every command, in the order help lists them. A new command is a file beside this one and a
// line here.
import type { Command } from '../cli/define.js';
import { command as complete } from './__complete.js';
import { command as claims } from './claims.js';
import { command as companies } from './companies.js';
import { command as completion } from './completion.js';
import { command as conflicts } from './conflicts.js';
import { command as exportCommand } from './export.js';
import { command as graph } from './graph.js';
import { command as help } from './help.js';
import { command as landscape } from './landscape.js';
import { command as mcp } from './mcp.js';
import { command as people } from './people.js';
import { command as products } from './products.js';
import { command as quotes } from './quotes.js';
import { command as schema } from './schema.js';
import { command as search } from './search.js';
import { command as segments } from './segments.js';
import { command as show } from './show.js';
import { command as source } from './source.js';
import { command as sources } from './sources.js';
import { command as stats } from './stats.js';
import { command as timeline } from './timeline.js';
import { command as validate } from './validate.js';

export const COMMANDS: Command[] = [
  companies,
  products,
  people,
  segments,
  sources,
  source,
  quotes,
  claims,
  conflicts,
  show,
  search,
  stats,
  validate,
  timeline,
  graph,
  landscape,
  exportCommand,
  mcp,
  schema,
  completion,
  help,
  complete,
];
