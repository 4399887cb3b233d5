import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'stratum_session';

export const randomToken = () => randomBytes(32).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url');

/**
 * Session cookie: `<workspaceId>.<token>.<hmac>`. The workspace id routes the lookup to the tenant
 * (and, on Citus, to its shard); the HMAC rejects forged cookies before any session lookup.
 */
export function encodeSessionCookie(workspaceId: string, token: string, secret: string): string {
  return `${workspaceId}.${token}.${sign(secret, `${workspaceId}.${token}`)}`;
}

export function parseSessionCookie(
  value: string,
): { workspaceId: string; token: string; signature: string } | null {
  const parts = value.split('.');
  if (parts.length !== 3 || !/^[0-9a-f-]{36}$/.test(parts[0]!)) return null;
  return { workspaceId: parts[0]!, token: parts[1]!, signature: parts[2]! };
}

export function verifySessionSignature(
  workspaceId: string,
  token: string,
  signature: string,
  secret: string,
): boolean {
  const expected = Buffer.from(sign(secret, `${workspaceId}.${token}`));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** API key: `stk_<workspace id without dashes>_<random>`; stored as its sha256 only. */
export function newApiKey(workspaceId: string): { key: string; prefix: string } {
  const key = `stk_${workspaceId.replaceAll('-', '')}_${randomToken()}`;
  return { key, prefix: `${key.slice(0, 8)}…${key.slice(-4)}` };
}

export function parseApiKey(key: string): { workspaceId: string } | null {
  const m = /^stk_([0-9a-f]{32})_[A-Za-z0-9_-]{20,}$/.exec(key);
  if (!m) return null;
  const h = m[1]!;
  return {
    workspaceId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`,
  };
}
