#!/usr/bin/env node
require('../out/cli/latch.js');
