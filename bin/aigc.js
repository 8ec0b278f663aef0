#!/usr/bin/env node
import '../dist/aigc.js';
