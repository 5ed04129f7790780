// The command-line tools the bench uses when this machine has them.
import { existsSync } from 'node:fs';

const find = (...paths) => paths.find((path) => existsSync(path));

export const WRK = find('/usr/bin/wrk', '/usr/local/bin/wrk');
export const TASKSET = find('/usr/bin/taskset', '/bin/taskset');
