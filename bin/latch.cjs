#!/usr/bin/env node
// `latch token get` and `latch exec` start through a small bundle of their own (electron/cli/latch-fast.ts);
// every other command, and anything unusual about those two, goes to the full CLI.
require('../out/cli/latch-fast.js').start();
