// `aigc landscape --out FILE.html`: the field as one self-contained page. The file is written
// whole or not at all; an existing file is kept unless --force. The page goes to the file (or to
// stdout with `--out -`) and a one-line summary to stderr.
import { defineCommand } from '../cli/define.js';
import { checkTarget, leftoverNote, writeFileAtomically } from '../fs/target.js';
import { pageFile } from '../landscape/write.js';

interface Options {
  out: string;
  force?: boolean;
}

export const command = defineCommand<Options>({
  name: 'landscape',
  summary: 'write the field as one self-contained HTML page, grouped by segment',
  examples: ['aigc landscape --out landscape.html'],
  flags: [
    { name: 'out', arg: 'file', type: 'file', required: true, help: 'the HTML file to write, or - for stdout' },
    { name: 'force', help: 'overwrite the file if it exists' },
  ],
  async run(ctx, _args, o) {
    const toStdout = o.out === '-';
    // Checked before the KB is read: a refusal need not wait for a load.
    const target = toStdout ? undefined : checkTarget(o.out, ctx.io.cwd, Boolean(o.force), pageFile);
    const { kb } = await ctx.load();
    const { landscapeData, landscapeSummary } = await import('../landscape/data.js');
    const { landscapePage } = await import('../landscape/page.js');
    const data = landscapeData(kb);
    const page = landscapePage(data);
    const left = target && writeFileAtomically(target, page);
    return {
      stdout: toStdout ? page : '',
      stderr: [`wrote ${target ? o.out : 'the page to stdout'}: ${landscapeSummary(data)}`, ...leftoverNote(left)],
    };
  },
});
