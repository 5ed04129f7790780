import { describe, expect, it } from 'vitest';
import { createAddressPolicy, parseCidr } from './address-policy.js';
import { retryAfterAt } from './retry-after.js';
import { detectWebhookFormat, parseWebhookUrl } from './webhook-endpoint.js';

describe('webhook address policy', () => {
  const strict = createAddressPolicy([]);

  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.0.0.1',
    '172.16.4.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'fc00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::',
    '::127.0.0.1',
  ])('WH-2: refuses %s', (address) => {
    expect(strict.refusal(address)).not.toBeNull();
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', '2002:808:808::'])('WH-2: lets %s through', (address) => {
    expect(strict.refusal(address)).toBeNull();
  });

  it('WH-2: staff can allow a range explicitly, and only that range', () => {
    const policy = createAddressPolicy(['127.0.0.0/8', '::1']);
    expect(policy.refusal('127.0.0.1')).toBeNull();
    expect(policy.refusal('::ffff:127.0.0.1')).toBeNull();
    expect(policy.refusal('::1')).toBeNull();
    expect(policy.refusal('10.0.0.1')).not.toBeNull();
  });

  it('reads CIDRs strictly', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual(['10.0.0.0', 8]);
    expect(parseCidr('::1')).toEqual(['::1', 128]);
    for (const bad of ['10.0.0.0/33', 'example.com/8', '10.0.0.0/8/1', '10.0.0.0/x']) expect(() => parseCidr(bad)).toThrow(RangeError);
  });
});

describe('webhook URLs and formats', () => {
  it('takes http(s) URLs only, without credentials or fragments', () => {
    expect(parseWebhookUrl('https://example.com/hook').ok).toBe(true);
    for (const bad of ['ftp://example.com/', 'https://user:pw@example.com/', 'https://example.com/#x', '/relative', 'x'.repeat(2001)])
      expect(parseWebhookUrl(bad).ok).toBe(false);
  });

  it('detects chat formats from the host', () => {
    expect(detectWebhookFormat(new URL('https://hooks.slack.com/services/T/B/x'))).toBe('slack');
    expect(detectWebhookFormat(new URL('https://discord.com/api/webhooks/1/x'))).toBe('discord');
    expect(detectWebhookFormat(new URL('https://prod-01.westeurope.logic.azure.com/workflows/x'))).toBe('teams');
    expect(detectWebhookFormat(new URL('https://hooks.slack.com.evil.test/x'))).toBe('beacon');
    expect(detectWebhookFormat(new URL('https://example.com/x'))).toBe('beacon');
  });
});

describe('Retry-After', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('reads seconds and HTTP dates, capped at an hour, never in the past', () => {
    expect(retryAfterAt('30', now)?.toISOString()).toBe('2026-01-01T00:00:30.000Z');
    expect(retryAfterAt('Thu, 01 Jan 2026 00:10:00 GMT', now)?.toISOString()).toBe('2026-01-01T00:10:00.000Z');
    expect(retryAfterAt('999999', now)?.toISOString()).toBe('2026-01-01T01:00:00.000Z');
    expect(retryAfterAt('Wed, 31 Dec 2025 00:00:00 GMT', now)?.toISOString()).toBe(now.toISOString());
    expect(retryAfterAt('soon', now)).toBeNull();
    expect(retryAfterAt(undefined, now)).toBeNull();
  });
});
