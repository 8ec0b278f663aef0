#!/usr/bin/env node
require('../dist/aigc.cjs');
