import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ServiceContext } from '../services/context.js';
import type { IncidentArchive } from '../services/incident-archive.js';
import type { SnapshotSource } from '../services/snapshot-source.js';
import type { HotCustomerPages } from './customer/hot-pages.js';
import type { HotResponses } from './hot-responses.js';

/** Everything the web layer needs, built once by `beacon serve` (or a test). */
export interface AppDeps {
  ctx: ServiceContext;
  snapshots: SnapshotSource;
  /** Incidents beyond the live state (old incident pages, history months), shared by every page route. */
  archive: IncidentArchive;
  config: Config;
  logger: Logger;
  /** Where public routes offer their responses to the fast path in front of the app (`beacon serve`). */
  hotResponses?: HotResponses;
  /** Where the customer routes offer signed-in pages to the same fast path. */
  hotCustomerPages?: HotCustomerPages;
}
