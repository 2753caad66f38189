#!/usr/bin/env node
// The `wfm` entry: a shim that loads the compiled CLI (built by `tsc` on install) and nothing else.
import { main } from '../dist/cli.js';

// startedMs 0: time budgets (roster --time-limit) count from process start, start-up included
process.exitCode = await main(process.argv.slice(2), { startedMs: 0 });
