// `aigc completion bash|zsh|fish`: the script to source. The shell names are checked by the
// flag's parser, so any name reaching here has a script.
import { SCRIPTS, type Shell } from '../completion/scripts.js';
import type { Ctx, Output } from './context.js';

export async function run(_ctx: Ctx, shell: Shell, _o?: unknown): Promise<Output> {
  return { stdout: SCRIPTS[shell] };
}
