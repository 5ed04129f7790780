// Starting the bare node:http baseline (bare-server.mjs) from a bench.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { onServerCpu } from './pinning.mjs';

/** Starts bare-server.mjs sending `bodyPath`'s bytes, on the servers' CPU when pinning; its child process and URL. */
export async function startBareServer(bodyPath, contentType) {
  const [command, args] = onServerCpu(process.execPath, [join(import.meta.dirname, 'bare-server.mjs'), bodyPath, contentType]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = await once(child.stdout, 'data');
  return { child, url: `http://127.0.0.1:${JSON.parse(chunk.toString()).port}` };
}
