#!/usr/bin/env node
// The `wfm` entry: a shim that loads the compiled CLI (built by `tsc` on install) and nothing else.
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
