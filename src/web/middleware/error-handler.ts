import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { BeaconError } from '../../domain/errors.js';
import { STATUS_BY_CODE, toProblem } from '../problem.js';

/** A write that found the database busy has waited the whole busy timeout already; a second later the queue has usually moved. */
const BUSY_RETRY_AFTER_SECONDS = '1';

/**
 * The single place where errors become responses: problem+json for API paths, a plain
 * page otherwise. Unexpected errors are logged with the request id and never shown.
 */
export function createErrorHandler(logger: Logger, renderHtmlError?: (c: Context, status: number, title: string) => Response) {
  return (err: Error, c: Context): Response => {
    let error: BeaconError;
    if (err instanceof BeaconError) {
      error = err;
    } else if (err instanceof HTTPException && err.status < 500) {
      const code = (Object.entries(STATUS_BY_CODE).find(([, status]) => status === err.status)?.[0] ?? 'validation') as BeaconError['code'];
      error = new BeaconError(code, err.message || 'Bad request');
    } else if (err instanceof SyntaxError) {
      error = new BeaconError('validation', 'The request body is not valid JSON');
    } else {
      logger.error({ err, requestId: c.get('requestId' as never) }, 'unhandled error');
      const problem = { type: 'about:blank', title: 'Internal error', status: 500, detail: 'Something went wrong on our side; it has been logged.' };
      return wantsHtml(c) && renderHtmlError
        ? renderHtmlError(c, 500, problem.title)
        : c.body(JSON.stringify(problem), 500, { 'Content-Type': 'application/problem+json' });
    }
    const problem = toProblem(error);
    // A busy database is a moment's queue, not an outage: say when to come back.
    if (error.code === 'busy') c.header('Retry-After', BUSY_RETRY_AFTER_SECONDS);
    if (wantsHtml(c) && renderHtmlError) return renderHtmlError(c, problem.status, problem.title);
    return c.body(JSON.stringify(problem), problem.status as 400, { 'Content-Type': 'application/problem+json' });
  };
}

const wantsHtml = (c: Context): boolean =>
  !c.req.path.startsWith('/api/') && !c.req.path.includes('/api/v2/') && (c.req.header('accept') ?? '').includes('text/html');
