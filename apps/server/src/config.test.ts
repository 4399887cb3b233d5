import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('config', () => {
  it('has sensible defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.sessionIdleMinutes).toBeGreaterThan(0);
  });

  it('reads the environment and rejects nonsense', () => {
    const c = loadConfig({ PORT: '8080', STRATUM_DATA_DIR: '/srv/stratum', DATABASE_URL: 'postgres://x/y' });
    expect(c).toMatchObject({ port: 8080, dataDir: '/srv/stratum', databaseUrl: 'postgres://x/y' });
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a positive integer/);
  });
});
