import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ServiceContext } from '../services/context.js';
import type { SnapshotSource } from '../services/snapshot-source.js';

/** Everything the web layer needs, built once by `beacon serve` (or a test). */
export interface AppDeps {
  ctx: ServiceContext;
  snapshots: SnapshotSource;
  config: Config;
  logger: Logger;
}
