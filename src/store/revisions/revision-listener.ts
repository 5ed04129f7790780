import pg from 'pg';
import { capabilitiesOf } from '../capabilities.js';
import type { Database } from '../database.js';
import { REVISION_CHANNEL } from './revision-sequencer.js';

/** Tells this process about writes committed by other processes sharing the database. */
export interface RevisionListener {
  close(): Promise<void>;
}

export interface RevisionListenerOptions {
  /** Called with each announced revision, and with the current one after every (re)connect. */
  onRevision: (revision: number) => void;
  /** Told when the connection drops and when it is back; the snapshot's polling covers the gap. */
  onConnectionChange?: (event: { connected: boolean; error?: Error }) => void;
  /** First reconnect delay; it doubles up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/** Names the LISTEN connection in `pg_stat_activity`. */
export const LISTENER_APPLICATION_NAME = 'beacon-revision-listener';

const NOOP_LISTENER: RevisionListener = { close: async () => {} };

/**
 * On PostgreSQL, holds one dedicated connection that LISTENs on the revision channel
 * (`pg_notify` is sent by every write transaction) and reconnects with backoff when it drops.
 * On SQLite only this process writes, so there is nothing to listen to.
 */
export function startRevisionListener(database: Database, options: RevisionListenerOptions): RevisionListener {
  if (!capabilitiesOf(database.db).isShared) return NOOP_LISTENER;
  const initialBackoff = options.initialBackoffMs ?? 100;
  const maxBackoff = options.maxBackoffMs ?? 5_000;
  let backoff = initialBackoff;
  let client: pg.Client | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let closed = false;

  const announce = (payload: string | undefined): void => {
    const revision = Number(payload);
    if (Number.isSafeInteger(revision)) options.onRevision(revision);
  };

  const scheduleReconnect = (error?: Error): void => {
    if (closed || retryTimer) return;
    options.onConnectionChange?.(error ? { connected: false, error } : { connected: false });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, backoff);
    backoff = Math.min(backoff * 2, maxBackoff);
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: database.url, application_name: LISTENER_APPLICATION_NAME });
    client = next;
    // A drop fires 'error' and/or 'end'; both lead to one reconnect.
    next.on('error', (error) => {
      next.end().catch(() => {});
      if (client === next) scheduleReconnect(error);
    });
    next.on('end', () => {
      if (client === next) scheduleReconnect();
    });
    next.on('notification', (message) => {
      if (message.channel === REVISION_CHANNEL) announce(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${REVISION_CHANNEL}`);
      // Writes made while we were not listening were announced to no one: catch up once.
      const { rows } = await next.query<{ value: string | number }>('select value from meta_revision where id = 1');
      if (closed) return;
      backoff = initialBackoff;
      options.onConnectionChange?.({ connected: true });
      announce(String(rows[0]?.value));
    } catch (error) {
      if (client === next) {
        client = null;
        next.end().catch(() => {});
        scheduleReconnect(error instanceof Error ? error : new Error(String(error)));
      }
    }
  };

  void connect();

  return {
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
