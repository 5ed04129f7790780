import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ServiceContext } from '../services/context.js';
import type { IncidentArchive } from '../services/live-state/incident-archive.js';
import type { RevisionFeed } from '../services/live-state/revision-feed.js';
import type { SnapshotSource } from '../services/live-state/snapshot-source.js';
import type { HotCustomerPages } from './customer/hot-pages.js';
import type { CustomerSignIn } from './customer/sign-in-context.js';
import type { EventStreams } from './event-streams.js';
import type { HotResponses } from './hot-responses.js';
import type { RenderCache } from './render-cache.js';

/** Everything the web layer needs, built once by `createWebServer` (web/server.ts), for `beacon serve` and tests alike. */
export interface AppDeps {
  ctx: ServiceContext;
  snapshots: SnapshotSource;
  /** Incidents beyond the live state (old incident pages, history months), shared by every page route. */
  archive: IncidentArchive;
  config: Config;
  logger: Logger;
  /** Rendered pages: public (with their compressed forms) and signed-in customer pages (identity only). */
  renderCaches: { public: RenderCache; customer: RenderCache };
  /** The sign-in services and this process's one session cache, shared by every route that checks or ends sessions. */
  customerSignIn: CustomerSignIn;
  /** Where public routes offer their responses to the fast path in front of the app. */
  hotResponses: HotResponses;
  /** Where the customer routes offer signed-in pages to the same fast path. */
  hotCustomerPages: HotCustomerPages;
  /** Every revision this process learns of (live dashboard screens subscribe). */
  revisions: RevisionFeed;
  /** Open server-sent event streams: bounded, and ended when the server drains or closes. */
  eventStreams: EventStreams;
}
