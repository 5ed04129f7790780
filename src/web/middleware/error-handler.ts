import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { BeaconError } from '../../domain/errors.js';
import { INTERNAL_PROBLEM, type Problem, STATUS_BY_CODE, problemResponse, toProblem } from '../problem.js';

/** A write that found the database busy has waited the whole busy timeout already; a second later the queue has usually moved. */
const BUSY_RETRY_AFTER_SECONDS = '1';

/** Renders the HTML page a browser gets for an error on a page path (see `createErrorPages`). */
export type HtmlErrorRenderer = (c: Context, problem: Problem, headers: Readonly<Record<string, string>>) => Response | Promise<Response>;

/**
 * The single place where errors become responses: problem+json, or for a browser (Accept: text/html)
 * on a page path an HTML page when `renderHtmlError` is given; API paths always get problem+json.
 * Unexpected errors are logged with the request id and never shown.
 */
export function createErrorHandler(logger: Logger, renderHtmlError?: HtmlErrorRenderer) {
  return (err: Error, c: Context): Response | Promise<Response> => {
    const problem = problemOf(err);
    if (problem === INTERNAL_PROBLEM) logger.error({ err, requestId: c.get('requestId' as never) }, 'unhandled error');
    // A busy database is a moment's queue, not an outage: say when to come back.
    const headers: Record<string, string> =
      err instanceof BeaconError && err.code === 'busy' ? { 'Retry-After': BUSY_RETRY_AFTER_SECONDS } : {};
    if (renderHtmlError && wantsHtml(c)) {
      // Should the page itself fail, the problem document still answers.
      return Promise.resolve()
        .then(() => renderHtmlError(c, problem, headers))
        .catch((renderErr: unknown) => {
          logger.error({ err: renderErr, requestId: c.get('requestId' as never) }, 'error page failed');
          return problemResponse(problem, headers);
        });
    }
    return problemResponse(problem, headers);
  };
}

function problemOf(err: Error): Problem {
  if (err instanceof BeaconError) return toProblem(err);
  if (err instanceof HTTPException && err.status < 500) {
    const code = (Object.entries(STATUS_BY_CODE).find(([, status]) => status === err.status)?.[0] ?? 'validation') as BeaconError['code'];
    return toProblem(new BeaconError(code, err.message || 'Bad request'));
  }
  if (err instanceof SyntaxError) return toProblem(new BeaconError('validation', 'The request body is not valid JSON'));
  return INTERNAL_PROBLEM;
}

const wantsHtml = (c: Context): boolean =>
  !c.req.path.startsWith('/api/') && !c.req.path.includes('/api/v2/') && (c.req.header('accept') ?? '').includes('text/html');
