/** Every event name the audit log records (the API contract lists the same set). */
export const AUDIT_EVENTS = [
  'sign_in.password_ok',
  'sign_in.password_failed',
  'sign_in.code_ok',
  'sign_in.code_failed',
  'sign_in.code_replayed',
  'sign_in.challenge_void',
  'sign_in.throttled',
  'account.locked',
  'account.unlocked',
  'enrollment.started',
  'enrollment.confirmed',
  'user.created',
  'user.updated',
  'user.two_factor_reset',
  'group.created',
  'group.updated',
  'settings.updated',
  'api_key.created',
  'api_key.revoked',
  'api.verify_ok',
  'api.verify_failed',
  'password.changed',
  'sign_out',
] as const;

export type AuditEvent = (typeof AUDIT_EVENTS)[number];
