import type { Role } from '@stratum/contracts';

/** Who is making a request: a signed-in user (cookie session) or an API key acting as its user. */
export interface Actor {
  kind: 'user' | 'api_key';
  workspaceId: string;
  userId: string;
  name: string;
  role: Role;
  teamId: string | null;
  apiKeyId: string | null;
  apiKeyName: string | null;
  /** The session's hash (cookie sessions only), so sign-out and password change can find it. */
  sessionId: string | null;
  csrfToken: string | null;
}

/** The actor plus what a service needs from the request, passed explicitly (no globals). */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
}
