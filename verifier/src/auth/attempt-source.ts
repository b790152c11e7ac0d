/**
 * Where an attempt on an account comes from, for counting failures (OWASP's "device cookie"
 * design). A client that has completed a sign-in for the user before carries a device token, and
 * an application calls with its API key; every other client of that username counts together as
 * "untrusted". A stranger who knows only a username can therefore delay the untrusted clients,
 * never the real user's known browser nor an application.
 */
export interface AttemptSource {
  /** The throttle row's key: one per untrusted username, device token, or API key and username. */
  key: string;
  username: string;
  kind: 'untrusted' | 'device' | 'api';
}

export const untrustedSource = (username: string): AttemptSource => ({
  key: `untrusted:${username}`,
  username,
  kind: 'untrusted',
});

export const deviceSource = (username: string, deviceIdHash: string): AttemptSource => ({
  key: `device:${deviceIdHash}`,
  username,
  kind: 'device',
});

export const apiKeySource = (username: string, apiKeyId: number): AttemptSource => ({
  key: `api:${apiKeyId}:${username}`,
  username,
  kind: 'api',
});

/** The source a session's password step was counted against (stored as its key). */
export function sourceFromKey(key: string | null, username: string): AttemptSource {
  if (key?.startsWith('device:')) return { key, username, kind: 'device' };
  if (key?.startsWith('api:')) return { key, username, kind: 'api' };
  return untrustedSource(username);
}
