/**
 * Where a customer page lives: the one builder of its `c/<token>` address. It sits in services, not
 * web, because services hand out these links too (the sign-in mail, the page directories, `beacon
 * pages`) and cannot import web; the web routes and views take it from here. The domain knows only the
 * token.
 */

/** `c/<token>`: a customer page's slug; like any page's, it is served at `/<slug>`. */
export const customerPageSlug = (urlToken: string): string => `c/${urlToken}`;

/** `/c/<token>`. */
export const customerPagePath = (urlToken: string): string => `/${customerPageSlug(urlToken)}`;
