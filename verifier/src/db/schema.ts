import type { Generated, Insertable, Kysely, Selectable } from 'kysely';

/**
 * One schema for SQLite and PostgreSQL. Booleans are stored as 0/1 integers and times as epoch
 * milliseconds (bigint) so both dialects read back the same JavaScript values.
 */
export interface SettingsTable {
  id: number;
  two_factor_enabled: number;
  organisation_name: string;
  verification_window: number;
  methods: string;
  created_at: number;
  /** Days after created_at before 2FA becomes mandatory for local sign-ins. */
  grace_days: Generated<number>;
  /** A later grace end set by an admin; null when never extended. */
  grace_extended_until: number | null;
  /** How many days a remembered device skips the code; 0: users cannot remember devices. */
  remember_device_days: Generated<number>;
}

export interface GroupsTable {
  id: Generated<number>;
  name: string;
  is_default: number;
  two_factor_enabled: number;
  created_at: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  group_id: number;
  source: 'local' | 'sso';
  two_factor_enabled: number;
  method: 'totp' | 'email';
  /** The address a code sent to it was typed back from; the e-mail method is Activated only while it equals `email`. */
  email_confirmed: string | null;
  must_change_password: number;
  code_failures: number;
  locked_at: number | null;
  created_at: number;
  /** When the user last became Pending (see accounts/pending-since.ts); null while not Pending. */
  pending_since: Generated<number | null>;
}

export interface CredentialsTable {
  user_id: number;
  key_id: string;
  secret_box: string;
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: number;
  period: number;
  drift: number;
  last_step: number;
  created_at: number;
}

export interface EnrollmentsTable {
  user_id: number;
  key_id: string;
  secret_box: string;
  expires_at: number;
  created_at: number;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  scope: SessionScope;
  csrf_token: string;
  challenge_failures: number;
  created_at: number;
  expires_at: number;
  /**
   * The attempt source (see auth/attempt-source.ts) the password step was counted against; the
   * code step and a password change count against the same one. Null for sessions from before.
   */
  attempt_source: string | null;
  /**
   * When this sign-in gave its authenticator or e-mailed code (kept through a password change);
   * null when it gave none. Forward-auth asks it of users the policy asks a code of.
   */
  second_factor_at: number | null;
}

export type SessionScope = 'full' | 'setup' | 'code' | 'change-password';

/** Failure counts per attempt source: untrusted clients of a username, a device token, an API key. */
export interface AttemptThrottleTable {
  source: string;
  /** Whose account the source tries, so an admin's unlock clears every source of that user. */
  username: string;
  failures: number;
  next_attempt_at: number;
}

/** A browser that completed a sign-in (OWASP's device cookie); only a hash of the token's id. */
export interface DeviceTokensTable {
  id_hash: string;
  user_id: number;
  created_at: number;
  last_used_at: number;
  expires_at: number;
}

/**
 * A browser whose user chose "Remember this device" after a code: only a hash of the token's id, and
 * `binding`, a keyed hash of the password hash and the factor it was given under, so a new password or
 * factor ends it without anyone having to remember to.
 */
export interface RememberedDevicesTable {
  id_hash: string;
  user_id: number;
  binding: string;
  /** The browser in plain words ("Firefox on Linux"), for the lists with Revoke. */
  browser: string;
  ip: string;
  created_at: number;
  last_used_at: number;
  expires_at: number;
}

export interface AddressThrottleTable {
  address: string;
  failures: number;
  next_attempt_at: number;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string | null;
  event: string;
  target: string | null;
  ip: string | null;
  detail: string | null;
  /** A summarised entry: how many more times the same refusal came from the same source. */
  repeats: Generated<number>;
  /** When the last of those came; null for a single entry. */
  last_at: number | null;
}

/** One e-mailed code per user (see email-code/code-record.ts); only a keyed hash of the code. */
export interface EmailCodesTable {
  user_id: number;
  version: number;
  salt: string;
  code_hash: string;
  issued_at: number;
  expires_at: number;
  failed_attempts: number;
  status: 'active' | 'used' | 'void';
  used_at: number | null;
  /** JSON array of send instants within the last hour. */
  send_times: string;
  /** JSON array of the Resend instants among them. */
  resend_times: string;
}

/** The admin's notification template (row id 1); absent until first saved. */
export interface NotificationTemplatesTable {
  id: number;
  subject: string;
  text_body: string;
  /** Left empty since 0006: the HTML part is generated from text_body. */
  html_body: string;
  active: number;
  updated_at: number;
}

/** A user's pending invitation to set a first password (see invitations/); only the token's SHA-256. */
export interface InvitationsTable {
  user_id: number;
  token_hash: string;
  /** The address the link was sent to, as it was then. */
  sent_to: string;
  created_at: number;
  expires_at: number;
}

/** The OpenID Connect provider's records (codes, tokens, sessions, interactions, grants) as JSON. */
export interface OidcModelsTable {
  model: string;
  id: string;
  payload: string;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  /** Epoch milliseconds; null for records that do not expire. */
  expires_at: number | null;
  /** When a one-time record (an authorization code) was used; null while unused. */
  consumed_at: number | null;
}

/** The provider's signing keys: the private JWK sealed with the master key, the public one beside it. */
export interface OidcSigningKeysTable {
  kid: string;
  alg: string;
  /** 'current' signs; 'previous' is still published so tokens it signed verify. */
  state: 'current' | 'previous';
  public_jwk: string;
  key_id: string;
  secret_box: string;
  created_at: number;
}

/** Relying parties an admin registered; only the SHA-256 of a confidential client's secret. */
export interface OidcClientsTable {
  client_id: string;
  name: string;
  /** JSON arrays of absolute URLs. */
  redirect_uris: string;
  post_logout_redirect_uris: string;
  /** Null for a public client (PKCE, no secret). */
  secret_hash: string | null;
  created_at: number;
}

/** One recovery code (NIST SP 800-63B look-up secret); only an argon2id hash of its secret part. */
export interface RecoveryCodesTable {
  user_id: number;
  /** The code's first group: not secret, unique per user, so a check finds its one row. */
  code_id: string;
  code_hash: string;
  created_at: number;
  /** Set once, by the one conditional UPDATE that accepts it. */
  used_at: number | null;
}

/** A security e-mail kind an admin switched on or off; a kind without a row is sent. */
export interface SecurityMailSettingsTable {
  kind: string;
  enabled: number;
  updated_at: number;
}

export interface Database {
  settings: SettingsTable;
  groups: GroupsTable;
  users: UsersTable;
  credentials: CredentialsTable;
  enrollments: EnrollmentsTable;
  sessions: SessionsTable;
  attempt_throttle: AttemptThrottleTable;
  address_throttle: AddressThrottleTable;
  device_tokens: DeviceTokensTable;
  remembered_devices: RememberedDevicesTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  email_codes: EmailCodesTable;
  notification_templates: NotificationTemplatesTable;
  invitations: InvitationsTable;
  oidc_models: OidcModelsTable;
  oidc_signing_keys: OidcSigningKeysTable;
  oidc_clients: OidcClientsTable;
  recovery_codes: RecoveryCodesTable;
  security_mail_settings: SecurityMailSettingsTable;
}

export type Db = Kysely<Database>;
export type UserRow = Selectable<UsersTable>;
export type GroupRow = Selectable<GroupsTable>;
export type SettingsRow = Selectable<SettingsTable>;
export type CredentialRow = Selectable<CredentialsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type NewUser = Insertable<UsersTable>;
