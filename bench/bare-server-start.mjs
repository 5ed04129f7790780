// Starting the bare node:http baseline (bare-server.mjs) from a bench.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { onServerCpu } from './pinning.mjs';

/**
 * Starts bare-server.mjs sending `bodyPath`'s bytes (with `headersPath`'s headers when given), on the
 * servers' CPU when pinning; its child process and URL.
 */
export async function startBareServer(bodyPath, contentType, headersPath) {
  const script = join(import.meta.dirname, 'bare-server.mjs');
  const [command, args] = onServerCpu(process.execPath, [script, bodyPath, contentType, ...(headersPath ? [headersPath] : [])]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = await once(child.stdout, 'data');
  return { child, url: `http://127.0.0.1:${JSON.parse(chunk.toString()).port}` };
}
