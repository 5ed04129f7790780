import { describe, expect, it } from 'vitest';
import { timeHtml } from './time.js';

describe('timeHtml', () => {
  it('prints the instant in the page zone, with the exact instant and the shape for the script', () => {
    const at = new Date('2026-03-20T12:05:00.000Z');
    expect(timeHtml(at, 'Europe/Berlin')).toBe('<time datetime="2026-03-20T12:05:00.000Z">20 Mar 2026, 13:05 CET</time>');
    expect(timeHtml(at, 'Europe/Berlin', 'time')).toBe('<time datetime="2026-03-20T12:05:00.000Z">13:05 CET</time>');
    expect(timeHtml(at, 'UTC', 'date')).toBe('<time datetime="2026-03-20T12:05:00.000Z">20 March 2026</time>');
  });

  it('answers the same for the same instant, zone and shape, however often it is asked', () => {
    const first = timeHtml(new Date('2026-07-01T08:00:00.000Z'), 'America/New_York');
    expect(timeHtml(new Date('2026-07-01T08:00:00.000Z'), 'America/New_York')).toBe(first);
    expect(timeHtml(new Date('2026-07-01T08:00:00.000Z'), 'Europe/Berlin')).not.toBe(first);
  });
});
