import type { EventStreams } from '../../event-streams.js';
import type { GuardedStream } from '../staff-stream-guard.js';
import type { IncidentWatch } from './incident-watch.js';

/**
 * Comments keep proxies from closing a quiet stream; unref'd, so they never hold the process. Each
 * one first re-checks the session, so one that expires ends its stream within this long.
 */
const HEARTBEAT_MS = 25_000;
const encoder = new TextEncoder();

const EVENT_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store',
  Vary: 'Cookie',
  'X-Robots-Tag': 'noindex',
  // Tells nginx not to buffer the stream.
  'X-Accel-Buffering': 'no',
};

/**
 * `text/event-stream` of one incident's versions for its open screen: an `incident` event with
 * `{"version":n}` whenever it changes, or `{"deleted":true}` (then the stream ends). Only versions
 * are sent, never the incident's content: the screen fetches that with the staff cookie, checked
 * then. Null when too many streams are open (the caller answers 503; the screen works without).
 * `guard` ends the stream when the session it was opened with stops being valid: nothing is sent
 * (an event or a heartbeat) before the session is checked again.
 */
export function openIncidentEventStream(options: {
  streams: EventStreams;
  watch: IncidentWatch;
  incidentId: string;
  seen: number;
  guard: (end: () => void) => GuardedStream;
  /** The heartbeat's period (tests shorten it). */
  heartbeatMs?: number;
}): Response | null {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let unwatch: (() => void) | undefined;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearInterval(timer);
    unwatch?.();
    guarded.release();
    unregister?.();
    try {
      controller?.close();
    } catch {
      // Already closed by the client going away.
    }
  };
  const unregister = options.streams.open(finish);
  if (!unregister) return null;
  const send = (text: string) => {
    if (!finished) controller?.enqueue(encoder.encode(text));
  };
  const guarded = options.guard(finish);
  // In order, each only once the session is known to hold (verify ends the stream otherwise).
  let queue = Promise.resolve();
  const sendChecked = (text: string, then?: () => void) => {
    queue = queue.then(async () => {
      if (finished || !(await guarded.verify())) return;
      send(text);
      then?.();
    });
  };

  const body = new ReadableStream<Uint8Array>({
    start(started) {
      controller = started;
      // Checked too: the session may have ended between the request's check and this guard.
      sendChecked('retry: 5000\n\n');
      unwatch = options.watch.watch(options.incidentId, options.seen, (version) => {
        const data = JSON.stringify(version === null ? { deleted: true } : { version });
        sendChecked(`event: incident\ndata: ${data}\n\n`, version === null ? finish : undefined);
      });
      timer = setInterval(() => sendChecked(': keep-alive\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
      timer.unref();
    },
    cancel: finish,
  });
  return new Response(body, { status: 200, headers: EVENT_HEADERS });
}
