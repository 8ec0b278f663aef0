// The process: real streams in, one exit code out.
import { processIo } from './io.js';
import { run } from './main.js';

run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
