import { describe, expect, it } from 'vitest';
import { BeaconError } from '../domain/errors.js';
import { createTimeZoneFormatters } from './time-zone-formatters.js';

describe('createTimeZoneFormatters', () => {
  it('builds one formatter per zone name and hands the same one out again', () => {
    const zones = createTimeZoneFormatters();
    const berlin = zones.formatterFor('Europe/Berlin');
    expect(berlin.resolvedOptions().timeZone).toBe('Europe/Berlin');
    expect(zones.formatterFor('Europe/Berlin')).toBe(berlin);
    expect(zones.formatterFor('UTC')).not.toBe(berlin);
  });

  it('keeps at most its bound, emptying itself when full', () => {
    const zones = createTimeZoneFormatters(2);
    const utc = zones.formatterFor('UTC');
    zones.formatterFor('Europe/Berlin');
    expect(zones.formatterFor('UTC')).toBe(utc);
    zones.formatterFor('Asia/Tokyo'); // the third zone: the set starts again
    expect(zones.formatterFor('UTC')).not.toBe(utc);
  });

  it('refuses an unknown zone with a validation error, keeping nothing', () => {
    const zones = createTimeZoneFormatters();
    expect(() => zones.formatterFor('Mars/Olympus')).toThrow(BeaconError);
    expect(() => zones.formatterFor('Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});
