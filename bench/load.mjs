// Runs a load generator against one URL: wrk when installed (it does not saturate before the
// server on a small machine), else autocannon. Both report requests/s and p99 latency in ms.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { onGeneratorCpu } from './pinning.mjs';
import { WRK } from './tools.mjs';

const run = promisify(execFile);

export const generatorName = () => (WRK ? `wrk (${WRK})` : 'autocannon (wrk not installed)');

const toMs = (value, unit) => Number(value) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit] ?? NaN);

/** @returns {{ requestsPerSecond: number, p99Ms: number, non2xx: number }} */
export async function measure(url, { seconds, connections, headers = {} }) {
  return WRK ? measureWithWrk(url, seconds, connections, headers) : measureWithAutocannon(url, seconds, connections, headers);
}

async function measureWithWrk(url, seconds, connections, headers) {
  const args = ['-t', '1', '-c', String(connections), '-d', `${seconds}s`, '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  const [command, commandArgs] = onGeneratorCpu(WRK, [...args, url]);
  const { stdout } = await run(command, commandArgs, { maxBuffer: 1 << 20 });
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(stdout);
  if (!rps || !p99) throw new Error(`could not read wrk's output:\n${stdout}`);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  const errors = /Socket errors:.*/.exec(stdout)?.[0];
  if (errors) console.warn(`  ${url}: ${errors}`);
  return { requestsPerSecond: Number(rps[1]), p99Ms: toMs(p99[1], p99[2]), non2xx };
}

async function measureWithAutocannon(url, seconds, connections, headers) {
  const { default: autocannon } = await import('autocannon');
  const result = await autocannon({ url, connections, duration: seconds, headers });
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx };
}
