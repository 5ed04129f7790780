import type { Context } from 'hono';
import type { DerivedPage } from '../../domain/pages/derived-page.js';
import { resolvePublicPage } from '../../domain/pages/public-page.js';
import { resolveSubPage } from '../../domain/pages/sub-pages.js';
import type { Snapshot } from '../../domain/snapshot.js';
import type { AppDeps } from '../app-deps.js';
import { defaultPageOf } from '../views/models/default-page-of.js';

/** Finds the page a request's path names; null when there is none. */
export type Locate = (snapshot: Snapshot, kinds: ReturnType<AppDeps['snapshots']['pageKinds']>, c: Context) => DerivedPage | null;

/**
 * Where the documents a public page serves beside its HTML (the v2 API, the feeds) hang: `` (the
 * default page), `/:slug` and `/:slug/:sub` (a sub-page), each with the way to find its page.
 */
export const PAGE_PREFIXES: readonly { prefix: '' | '/:slug' | '/:slug/:sub'; locate: Locate }[] = [
  {
    prefix: '',
    locate: (snapshot, kinds) => {
      const page = defaultPageOf(snapshot);
      return page ? resolvePublicPage(kinds, page) : null;
    },
  },
  {
    prefix: '/:slug',
    locate: (_, kinds, c) => {
      const page = kinds.pagesBySlug.get(c.req.param('slug') ?? '');
      return page ? resolvePublicPage(kinds, page) : null;
    },
  },
  { prefix: '/:slug/:sub', locate: (_, kinds, c) => resolveSubPage(kinds, c.req.param('slug') ?? '', c.req.param('sub') ?? '') },
];
