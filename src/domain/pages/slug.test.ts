import { describe, expect, it } from 'vitest';
import { BeaconError } from '../errors.js';
import { RESERVED_SLUGS, describeSlugProblem, slugify, validateSlug } from './slug.js';

describe('validateSlug', () => {
  it.each(['status', 'acme', 'eu-west-1', 'a', '0', 'a'.repeat(64), 'api-v2', 'admins', 'cc'])('accepts %j', (slug) => {
    expect(() => validateSlug(slug, 'slug')).not.toThrow();
  });

  it.each([
    ['', 'must not be empty'],
    ['a'.repeat(65), 'at most 64'],
    ['Acme', 'lower-case'],
    ['-acme', 'hyphen'],
    ['acme-', 'hyphen'],
    ['ac--me', 'hyphen'],
    ['ac me', 'lower-case'],
    ['acme/eu', 'lower-case'],
    ['acmé', 'lower-case'],
    ['acme_eu', 'lower-case'],
    ['acme.eu', 'lower-case'],
    ['_', 'reserved'],
    ['_internal', 'reserved'],
  ])('refuses %j', (slug, message) => {
    expect(describeSlugProblem(slug)).toContain(message);
  });

  it.each([...RESERVED_SLUGS])('refuses the reserved slug %j', (slug) => {
    expect(describeSlugProblem(slug)).toContain('reserved');
  });

  it('throws a validation error naming the field', () => {
    try {
      validateSlug('Admin!', 'pages[0].slug');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BeaconError);
      const beacon = error as BeaconError;
      expect(beacon.code).toBe('validation');
      expect(beacon.issues[0]?.path).toBe('pages[0].slug');
      expect(beacon.message).toMatch(/^pages\[0\]\.slug: /);
    }
  });
});

describe('slugify', () => {
  it.each([
    ['Acme Corp', 'acme-corp'],
    ['  Acme — EU Region  ', 'acme-eu-region'],
    ['Crème Brûlée', 'creme-brulee'],
    ['API', 'api-page'],
    ['Admin', 'admin-page'],
    ['!!!', 'page'],
    ['', 'page'],
    ['日本', 'page'],
    ['a--b__c', 'a-b-c'],
    ['Version 2.0', 'version-2-0'],
  ])('turns %j into %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('never yields more than 64 characters nor a trailing hyphen after truncation', () => {
    const slug = slugify(`${'a'.repeat(63)} b`);
    expect(slug).toBe('a'.repeat(63));
    expect(describeSlugProblem(slugify('x'.repeat(500)))).toBeNull();
  });

  it('always yields a valid slug', () => {
    for (const name of ['Status', '_private', 'feed.atom', 'Sign In', '--', 'Ünïcödé', '1 2 3', 'c']) {
      expect(describeSlugProblem(slugify(name)), name).toBeNull();
    }
  });
});
