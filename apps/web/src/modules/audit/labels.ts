/** Record types and action verbs the audit log can name in both languages; others show their code. */
export const ENTITY_TYPES = ['user', 'team', 'api_key', 'workspace', 'session'] as const;
export type KnownEntityType = (typeof ENTITY_TYPES)[number];

export const VERBS = [
  'create',
  'update',
  'delete',
  'disable',
  'enable',
  'revoke',
  'login',
  'logout',
  'login_failed',
  'reset_password',
  'change_password',
  'setup',
] as const;
export type KnownVerb = (typeof VERBS)[number];

/** `apiKey`, `api-key` and `API_KEY` all become `api_key`. */
export function snake(code: string): string {
  return code
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
}

export function knownEntityType(type: string): KnownEntityType | null {
  const s = snake(type);
  return (ENTITY_TYPES as readonly string[]).includes(s) ? (s as KnownEntityType) : null;
}

/**
 * The verb of an action code such as `user.create`, `team.deleted` or `auth.loginFailed`
 * (last segment, past tense tolerated), when it is one we can translate.
 */
export function knownVerb(action: string): KnownVerb | null {
  const last = snake(action.split('.').pop() ?? '');
  const candidates = [last, last.replace(/d$/, ''), last.replace(/ed$/, '')];
  for (const c of candidates) if ((VERBS as readonly string[]).includes(c)) return c as KnownVerb;
  return null;
}
