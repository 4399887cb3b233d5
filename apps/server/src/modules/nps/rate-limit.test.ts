import { describe, expect, it } from 'vitest';
import { WindowLimiter } from './rate-limit.ts';

describe('WindowLimiter', () => {
  it('allows `limit` hits per window and key, then says how long to wait', () => {
    const l = new WindowLimiter(2, 60_000);
    expect(l.hit('a', 0)).toBe(0);
    expect(l.hit('a', 1000)).toBe(0);
    expect(l.hit('a', 2000)).toBe(58);
    expect(l.hit('b', 2000)).toBe(0);
    // A new window starts afresh.
    expect(l.hit('a', 60_000)).toBe(0);
  });

  it('stays bounded under many distinct keys', () => {
    const l = new WindowLimiter(1, 60_000, 100);
    for (let i = 0; i < 1000; i++) l.hit(`k${i}`, i);
    expect((l as unknown as { hits: Map<string, unknown> }).hits.size).toBeLessThanOrEqual(100);
    expect(l.hit('k999', 1000)).toBeGreaterThan(0);
  });
});
