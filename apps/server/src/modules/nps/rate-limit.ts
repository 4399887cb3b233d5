/**
 * A fixed-window counter per key (the client IP) for the public survey endpoints: the tokens are
 * unguessable, so this only keeps one client from hammering the database. Kept in memory per server
 * instance — a limit per instance is enough for that.
 */
export class WindowLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts a hit; returns 0 when allowed, else the seconds until the window resets. */
  hit(key: string, now = Date.now()): number {
    let entry = this.hits.get(key);
    if (!entry || now - entry.start >= this.windowMs) {
      if (!entry && this.hits.size >= this.maxKeys) this.prune(now);
      entry = { start: now, count: 0 };
      this.hits.set(key, entry);
    }
    entry.count += 1;
    if (entry.count <= this.limit) return 0;
    return Math.max(1, Math.ceil((entry.start + this.windowMs - now) / 1000));
  }

  private prune(now: number) {
    for (const [key, e] of this.hits) if (now - e.start >= this.windowMs) this.hits.delete(key);
    // Still full (a flood of distinct addresses): forget the oldest half rather than grow without bound.
    if (this.hits.size >= this.maxKeys) {
      const keys = [...this.hits.keys()].slice(0, Math.ceil(this.hits.size / 2));
      for (const key of keys) this.hits.delete(key);
    }
  }
}
