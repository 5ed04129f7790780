import { describe, expect, it } from 'vitest';
import { formatUptime } from './uptime-text.js';

describe('formatUptime', () => {
  it('formats uptime rounded down, so any downtime shows below 100%', () => {
    expect(formatUptime(null)).toBeNull();
    expect(formatUptime(1)).toBe('100%');
    expect(formatUptime(0.99999)).toBe('99.99%');
    expect(formatUptime(0.9995)).toBe('99.95%');
    expect(formatUptime(0.992)).toBe('99.20%');
    expect(formatUptime(0)).toBe('0.00%');
  });
});
