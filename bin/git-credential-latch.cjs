#!/usr/bin/env node
require('../out/cli/git-credential-latch.js');
