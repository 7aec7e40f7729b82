#!/usr/bin/env -S npx tsx
import { processIo } from './CliIo.js';
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2), processIo(), { watchParent: true });
