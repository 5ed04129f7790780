import { isDatabaseReachable } from '../store/database.js';
import type { ServiceContext } from './context.js';

/**
 * Whether this process can serve: the database answers within `timeoutMs`. A hung pool must
 * read as "not ready", not hang the load balancer's probe.
 */
export async function isReady(ctx: ServiceContext, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([isDatabaseReachable(ctx.database), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
