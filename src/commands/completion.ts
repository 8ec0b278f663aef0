// `aigc completion bash|zsh|fish`: the script to source. The shell names are checked by the
// argument's parser, so any name reaching here has a script.
import { defineCommand } from '../cli/define.js';
import { SCRIPTS, SHELLS, type Shell } from '../completion/scripts.js';

export const command = defineCommand({
  name: 'completion',
  summary: 'print a shell completion script: bash, zsh or fish',
  examples: [
    'aigc completion bash > ~/.local/share/bash-completion/completions/aigc',
    'source <(aigc completion bash)',
    'aigc completion zsh > "${fpath[1]}/_aigc"',
    'aigc completion fish > ~/.config/fish/completions/aigc.fish',
  ],
  args: [{ name: 'shell', help: SHELLS.join('|'), required: true, type: { choice: SHELLS } }],
  async run(_ctx, [shell]) {
    return { stdout: SCRIPTS[shell as Shell] };
  },
});
