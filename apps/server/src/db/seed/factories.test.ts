import { describe, expect, it } from 'vitest';
import { createRng } from './random.ts';
import { userFactory } from './factories.ts';

describe('demo factories', () => {
  it('are deterministic by seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const make = (rng: ReturnType<typeof createRng>) =>
      Array.from({ length: 20 }, () => userFactory(rng, 'rep', { password: 'x'.repeat(8) }).name);
    expect(make(a)).toEqual(make(b));
    expect(make(createRng(8))).not.toEqual(make(createRng(7)));
  });

  it('make Chinese names and unique emails even when names repeat', () => {
    const rng = createRng(1);
    const taken = new Set<string>();
    const users = Array.from({ length: 300 }, () =>
      userFactory(rng, 'rep', { password: 'x'.repeat(8), taken }),
    );
    expect(new Set(users.map((u) => u.email)).size).toBe(300);
    for (const u of users) {
      expect(u.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(u.email).toMatch(/^[a-z]+\.[a-z]+\d*@demo\.stratum\.local$/);
    }
  });
});
