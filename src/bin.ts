// The process: real streams in, one exit code out. A closed stdout (`aigc ... | head -1`)
// ends the run quietly with success, as it does for other Unix tools.
import { run } from './main.js';
import { processIo } from './io.js';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});

run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
