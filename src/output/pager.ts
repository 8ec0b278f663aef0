// The pager: a separate bundle, loaded only when output is taller than the screen (child
// processes cost start-up time that no other run should pay).
import { spawn } from 'node:child_process';
import { once } from 'node:events';

// Writes the output into the pager and waits for it to end. False when the pager could not be
// started (no `less` on PATH): the caller prints straight to the terminal instead.
export async function page(
  command: string,
  first: string,
  rest: Iterator<string>,
  env: Record<string, string | undefined>,
): Promise<boolean> {
  // The default runs without a shell, so that a missing less is known, not a shell's message;
  // a command the user gave is run by the shell, with its arguments, as git does.
  const child =
    command === 'less -FRX'
      ? spawn('less', ['-FRX'], { stdio: ['pipe', 'inherit', 'inherit'], env: pagerEnv(env) })
      : spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'inherit', 'inherit'], env: pagerEnv(env) });
  const started = await new Promise<boolean>((resolve) => {
    child.once('spawn', () => resolve(true));
    child.once('error', () => resolve(false));
  });
  if (!started) return false;
  const exited = once(child, 'exit').catch(() => undefined);
  const input = child.stdin!;
  // The reader quits early (q in less): the pipe breaks; nothing more to write, nothing to say.
  let closed = false;
  input.on('error', () => (closed = true));
  child.once('exit', () => (closed = true));
  // Ctrl-C reaches the pager too; it decides whether to end. Meanwhile no more output is made,
  // and aigc waits for the pager to give the terminal back before it ends by the same signal.
  let interrupted = false;
  const onSigint = () => (interrupted = true);
  process.on('SIGINT', onSigint);
  try {
    for (let chunk: string | undefined = first; chunk !== undefined && !closed && !interrupted; ) {
      if (!input.write(chunk)) await Promise.race([once(input, 'drain').catch(() => undefined), exited]);
      const next = rest.next();
      chunk = next.done ? undefined : next.value;
    }
    input.end();
    await exited;
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (interrupted) process.kill(process.pid, 'SIGINT');
  return true;
}

// less keeps colours and quits on a short text even when the user's pager is plain `less`;
// lv shows colours. A setting of the user's own wins.
function pagerEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return { ...env, LESS: env.LESS ?? 'FRX', LV: env.LV ?? '-c' };
}
