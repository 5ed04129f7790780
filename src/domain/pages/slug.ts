import { invalid } from '../errors.js';

export const SLUG_MAX_LENGTH = 64;

/** Path segments the router owns; a page with one of these slugs would be unreachable or would shadow a route. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'api',
  'admin',
  'c',
  'healthz',
  'readyz',
  'metrics',
  'assets',
  'static',
  'feed.atom',
  'feed.rss',
  'maintenance.ics',
  'incidents',
  'history',
  'login',
  'logout',
  'auth',
  'sign-in',
  'subscriptions',
  'webhooks',
  'embed',
  '_',
]);

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Why `slug` cannot be a page slug, or null when it can. */
export function describeSlugProblem(slug: string): string | null {
  if (slug.length === 0) return 'must not be empty';
  if (slug.length > SLUG_MAX_LENGTH) return `must be at most ${SLUG_MAX_LENGTH} characters`;
  if (slug.startsWith('_') || RESERVED_SLUGS.has(slug)) return `"${slug}" is reserved`;
  if (!SLUG_PATTERN.test(slug)) {
    return 'must use only lower-case letters, digits and single hyphens, and not start or end with a hyphen';
  }
  return null;
}

/**
 * Throws a validation error naming `path` unless `slug` is a usable page slug.
 * Example: `validateSlug(input.slug, 'slug')`.
 */
export function validateSlug(slug: string, path: string): void {
  const problem = describeSlugProblem(slug);
  if (problem !== null) throw invalid(path, problem);
}

/** A slug suggested from a display name: `"Acme — EU Region"` → `"acme-eu-region"`. Always valid. */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // drop the accents NFKD split off
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/^-+|-+$/g, '');
  if (base === '') return 'page';
  if (RESERVED_SLUGS.has(base)) return `${base}-page`;
  return base;
}
