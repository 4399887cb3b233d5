import { describe, expect, it } from 'vitest';
import {
  encodeSessionCookie,
  newApiKey,
  parseApiKey,
  parseSessionCookie,
  randomToken,
  verifySessionSignature,
} from './tokens.ts';

const ws = '0b5c8f3e-2f4a-4c1e-9d6b-7a8e9f0a1b2c';

describe('session cookie', () => {
  it('round-trips and verifies with the workspace secret', () => {
    const token = randomToken();
    const cookie = encodeSessionCookie(ws, token, 'secret-1');
    const parsed = parseSessionCookie(cookie)!;
    expect(parsed).toMatchObject({ workspaceId: ws, token });
    expect(verifySessionSignature(parsed.workspaceId, parsed.token, parsed.signature, 'secret-1')).toBe(true);
  });

  it('rejects another secret, a changed token and malformed values', () => {
    const cookie = encodeSessionCookie(ws, randomToken(), 'secret-1');
    const p = parseSessionCookie(cookie)!;
    expect(verifySessionSignature(p.workspaceId, p.token, p.signature, 'secret-2')).toBe(false);
    expect(verifySessionSignature(p.workspaceId, randomToken(), p.signature, 'secret-1')).toBe(false);
    expect(parseSessionCookie('nonsense')).toBeNull();
    expect(parseSessionCookie(`not-a-uuid.${randomToken()}.sig`)).toBeNull();
  });
});

describe('API keys', () => {
  it('carry their workspace id and are long random strings', () => {
    const { key, prefix } = newApiKey(ws);
    expect(key).toMatch(/^stk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(key)).toEqual({ workspaceId: ws });
    expect(key.startsWith(prefix.slice(0, 8))).toBe(true);
    expect(prefix).not.toContain(key.slice(12, 40));
    expect(newApiKey(ws).key).not.toBe(key);
  });

  it('rejects anything else', () => {
    expect(parseApiKey('stk_123_abc')).toBeNull();
    expect(parseApiKey('Bearer x')).toBeNull();
  });
});
