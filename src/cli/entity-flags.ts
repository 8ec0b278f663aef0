// The segment filters companies and products share, declared once: --segment names segments,
// and --listed keeps only what the source itself lists (src/query/members.ts applies them).
import type { Flag } from './define.js';

export const SEGMENT_FLAG: Flag = {
  name: 'segment',
  arg: 'name',
  type: { entity: ['segment'], noun: 'segment' },
  repeatable: true,
  help: 'only members of this segment (id, name or alias; repeatable, or a comma list: any of them)',
};

export const LISTED_FLAG: Flag = {
  name: 'listed',
  help: "only memberships the source lists (with a paragraph), not the editor's tags; with --segment, under it",
};
