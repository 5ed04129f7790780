import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { Logger } from 'pino';

/** How often a draining server looks for connections that have gone quiet. */
const SWEEP_INTERVAL_MS = 50;
/** How long a connection we half-closed waits for the client's own FIN before it is cut. */
const LINGER_MS = 1_000;

export interface GracefulDrain {
  /** `listener`, counting each connection's unanswered requests (the drain needs to know who is busy). */
  wrap(listener: RequestListener): RequestListener;
  /**
   * Stops accepting, answers every request already received (the last response on each connection
   * says `Connection: close`), closes each connection once it is quiet, and after `timeoutMs` cuts
   * whatever is left. Resolves when every connection is closed.
   */
  drain(timeoutMs: number): Promise<void>;
}

interface Connection {
  readonly socket: Socket;
  /** Requests received whose responses have not finished. */
  unanswered: number;
  /** The newest request's response while unfinished: the one to say `Connection: close` once draining. */
  newest: ServerResponse | undefined;
  /** socket.bytesRead at the previous sweep, and whether the connection was quiet then. */
  bytesAtSweep: number;
  quietAtSweep: boolean;
  /** Set once we have half-closed it; a request arriving after that is not dispatched. */
  closing: boolean;
  readonly onResponseFinish: (this: ServerResponse) => void;
}

/**
 * Tracks `server`'s connections for a graceful shutdown under load.
 *
 * Node's own `closeIdleConnections()` (which `server.close()` calls) destroys a keep-alive
 * connection whose next request has arrived but is not parsed yet (the client gets a reset), and
 * one whose last response is ended but not yet flushed (a truncated body); and it never closes a
 * connection that has not completed a request, so an idle preconnect holds the drain to its
 * deadline. Here a connection is closed only when it has been quiet for a whole sweep: no
 * unanswered request, no byte read, nothing left to write. It is half-closed (FIN), so the client
 * sees a clean end; one that never closes its side is cut after a short linger.
 *
 * While draining, each request is dispatched one turn late, after the rest of its chunk is parsed,
 * so that of pipelined requests only the last one's response says `Connection: close` (Node drops
 * requests queued behind a response that closes).
 */
export function trackConnections(server: Server, logger: Pick<Logger, 'warn'>): GracefulDrain {
  const connections = new Map<Socket, Connection>();
  let draining = false;

  server.on('connection', (socket: Socket) => {
    const connection: Connection = {
      socket,
      unanswered: 0,
      newest: undefined,
      bytesAtSweep: socket.bytesRead,
      quietAtSweep: false,
      closing: false,
      onResponseFinish(this: ServerResponse) {
        connection.unanswered--;
        if (connection.newest === this) connection.newest = undefined;
      },
    };
    connections.set(socket, connection);
    socket.once('close', () => connections.delete(socket));
  });

  const dispatchWhileDraining = (
    listener: RequestListener,
    request: IncomingMessage,
    response: ServerResponse,
    connection: Connection | undefined,
  ) => {
    if (connection?.closing) {
      // It arrived after our FIN: the client will not read an answer, so the request is not run at all.
      request.socket.destroy();
      return;
    }
    if ((connection === undefined || connection.newest === response) && !response.headersSent) response.setHeader('Connection', 'close');
    void listener(request, response);
  };

  const wrap =
    (listener: RequestListener): RequestListener =>
    (request, response) => {
      const connection = connections.get(request.socket);
      if (connection !== undefined) {
        connection.unanswered++;
        connection.newest = response;
        response.on('finish', connection.onResponseFinish);
      }
      if (draining) setImmediate(dispatchWhileDraining, listener, request, response, connection);
      else void listener(request, response);
    };

  const isQuiet = ({ unanswered, socket }: Connection): boolean => unanswered === 0 && socket.writableLength === 0 && !socket.isPaused();

  const halfClose = (connection: Connection): void => {
    connection.closing = true;
    const linger = setTimeout(() => connection.socket.destroy(), LINGER_MS);
    connection.socket.once('close', () => clearTimeout(linger));
    connection.socket.end();
  };

  /** Half-closes every connection that has been quiet since the previous sweep. */
  const sweep = (): void => {
    for (const connection of connections.values()) {
      if (connection.closing) continue;
      const quiet = isQuiet(connection);
      const wasQuiet = connection.quietAtSweep && connection.socket.bytesRead === connection.bytesAtSweep;
      connection.bytesAtSweep = connection.socket.bytesRead;
      connection.quietAtSweep = quiet;
      if (quiet && wasQuiet) halfClose(connection);
    }
  };

  const drain = (timeoutMs: number): Promise<void> =>
    new Promise((resolve) => {
      draining = true;
      for (const connection of connections.values()) {
        const { newest } = connection;
        if (newest !== undefined && !newest.headersSent) newest.setHeader('Connection', 'close');
        // Quiet now counts only if it is still quiet, with no byte read, at the next sweep.
        connection.quietAtSweep = isQuiet(connection);
        connection.bytesAtSweep = connection.socket.bytesRead;
      }
      // Each sweep runs in the check phase, just after a poll phase has read whatever the kernel holds.
      let sweepTimer: NodeJS.Timeout | undefined;
      let sweepImmediate: NodeJS.Immediate | undefined;
      const scheduleSweep = (): void => {
        sweepTimer = setTimeout(() => {
          sweepImmediate = setImmediate(() => {
            sweep();
            scheduleSweep();
          });
        }, SWEEP_INTERVAL_MS);
      };
      scheduleSweep();
      const deadline = setTimeout(() => {
        const unanswered = [...connections.values()].reduce((sum, connection) => sum + connection.unanswered, 0);
        logger.warn(
          { timeoutMs, connections: connections.size, unanswered },
          'in-flight requests did not finish in time; closing their connections',
        );
        for (const connection of connections.values()) connection.socket.destroy();
      }, timeoutMs);
      // One turn late: connections already waiting in the accept queue at the signal are taken and served.
      setImmediate(() => {
        // The base class's close stops accepting and calls back once every connection has closed;
        // http.Server#close would first run Node's closeIdleConnections (see above).
        NetServer.prototype.close.call(server, () => {
          clearTimeout(sweepTimer);
          clearImmediate(sweepImmediate);
          clearTimeout(deadline);
          // Now that no connection is left, http.Server#close only stops its request-timeout timer.
          server.close();
          resolve();
        });
      });
    });

  return { wrap, drain };
}
