import { describe, expect, it } from 'vitest';
import { sharedDayGrid } from './day-grid-memo.js';

describe('sharedDayGrid', () => {
  it('returns the same grid all day long, and a new one the next day', () => {
    const morning = sharedDayGrid(new Date('2025-05-01T22:00Z'), 'Europe/Berlin', 90); // 00:00 local on 2 May
    const evening = sharedDayGrid(new Date('2025-05-02T21:59:59.999Z'), 'Europe/Berlin', 90);
    expect(evening).toBe(morning);
    const next = sharedDayGrid(new Date('2025-05-02T22:00Z'), 'Europe/Berlin', 90);
    expect(next).not.toBe(morning);
    expect(next.keys.at(-1)).toBe('2025-05-03');
  });

  it('keeps grids of different zones and lengths apart', () => {
    const now = new Date('2025-05-01T23:30Z');
    expect(sharedDayGrid(now, 'UTC', 90).keys.at(-1)).toBe('2025-05-01');
    expect(sharedDayGrid(now, 'Asia/Tokyo', 90).keys.at(-1)).toBe('2025-05-02');
    expect(sharedDayGrid(now, 'UTC', 7).keys).toHaveLength(7);
  });

  it('goes back in time too (a clock moved backwards gets the right grid)', () => {
    sharedDayGrid(new Date('2025-05-10T12:00Z'), 'UTC', 5);
    expect(sharedDayGrid(new Date('2025-05-01T12:00Z'), 'UTC', 5).keys.at(-1)).toBe('2025-05-01');
  });
});
