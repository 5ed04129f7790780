#!/usr/bin/env node
import { runCli } from './commands.js';

// Exit explicitly: a stray timer or pool must not keep a finished command alive.
const exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
process.stdout.write('', () => process.exit(exitCode));
