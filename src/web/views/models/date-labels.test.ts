import { describe, expect, it } from 'vitest';
import { dayLabel, monthLabel } from './date-labels.js';

describe('date labels', () => {
  it('names days and months', () => {
    expect(dayLabel('2026-03-02')).toBe('2 March 2026');
    expect(dayLabel('2025-12-31')).toBe('31 December 2025');
    expect(monthLabel('2025-12')).toBe('December 2025');
    expect(monthLabel('2026-01')).toBe('January 2026');
  });
});
