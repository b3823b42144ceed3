#!/usr/bin/env node
// `latch token get` and `latch exec` start through a small bundle of their own (electron/cli/latch-fast.ts);
// every other command, and anything unusual about those two, goes to the full CLI.
require('../out/cli/latch-fast.js')
  .runFast(process.argv.slice(2))
  .then(
    (code) => {
      if (code === null) require('../out/cli/latch.js');
      else process.exitCode = code;
    },
    () => {
      process.stderr.write('Something unexpected went wrong inside Latch. Nothing was changed.\n');
      process.exitCode = 1;
    },
  );
