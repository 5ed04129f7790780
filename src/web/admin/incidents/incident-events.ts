import type { EventStreams } from '../../event-streams.js';
import type { IncidentWatch } from './incident-watch.js';

/** Comments keep proxies from closing a quiet stream; unref'd, so they never hold the process. */
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
 */
export function openIncidentEventStream(options: {
  streams: EventStreams;
  watch: IncidentWatch;
  incidentId: string;
  seen: number;
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

  const body = new ReadableStream<Uint8Array>({
    start(started) {
      controller = started;
      send('retry: 5000\n\n');
      unwatch = options.watch.watch(options.incidentId, options.seen, (version) => {
        send(`event: incident\ndata: ${JSON.stringify(version === null ? { deleted: true } : { version })}\n\n`);
        if (version === null) finish();
      });
      timer = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
      timer.unref();
    },
    cancel: finish,
  });
  return new Response(body, { status: 200, headers: EVENT_HEADERS });
}
