// Shapes of the verifier's JSON API, as written in the API contract. Optional fields are later additions.

export type TwoFactorStatus = 'Pending' | 'Activated' | 'Disabled';
/** Which policy rule decided the status. */
export type TwoFactorReason =
  | 'sso'
  | 'grace-period-ended'
  | 'system-off'
  | 'group-off'
  | 'user-off'
  | 'user-on';
export type SignInSource = 'local' | 'sso';
export type CodeMethod = 'totp' | 'email';
export type SessionScope = 'full' | 'setup' | 'code' | 'change-password';
export type SignInStep = 'signed-in' | 'code' | 'setup' | 'change-password';

export interface Group {
  id: number | string;
  name: string;
  isDefault: boolean;
  twoFactorEnabled: boolean;
  memberCount?: number;
}

export interface SignInAnswer {
  step: SignInStep;
  csrfToken: string;
  method?: CodeMethod;
  digits?: number;
}

export interface Me {
  user: {
    id: number | string;
    username: string;
    displayName: string;
    email: string;
    group: Group | string;
    isAdmin: boolean;
    source: SignInSource;
    twoFactorStatus: TwoFactorStatus;
    twoFactorReason?: TwoFactorReason;
    method: CodeMethod;
  };
  scope: SessionScope;
  csrfToken: string;
  organisationName: string;
}

export interface Enrollment {
  uri: string;
  secret: string;
  qrSvg: string;
  issuer: string;
  account: string;
  digits: number;
  period: number;
  algorithm: string;
  expiresAt: string;
}

export interface Settings {
  twoFactorEnabled: boolean;
  organisationName: string;
  verificationWindow: number;
  methods: CodeMethod[];
  graceEndsAt?: string | null;
  organisationCreatedAt?: string | null;
  mandatory?: boolean;
  /** True once 2FA is mandatory: the system switch shows on and cannot be turned off. */
  twoFactorLocked?: boolean;
  graceDaysLeft?: number;
  graceExtended?: boolean;
}

/** The e-mail that carries sign-in codes, as the admin edits it. */
export interface NotificationTemplate {
  subject: string;
  text: string;
  active: boolean;
}

export interface SavedTemplate extends NotificationTemplate {
  saved: boolean;
  fields: string[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  /** Generated from the text by the server. */
  html: string;
}

export interface ImportRowError {
  row: number;
  column?: string;
  reason: string;
}

export interface ImportPreview {
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  creates: Array<{
    row: number;
    username: string;
    email: string;
    displayName: string;
    group: string;
    source: SignInSource;
    twoFactorEnabled: boolean;
  }>;
  updates: Array<{
    row: number;
    username: string;
    changes: Array<{ field: string; from: string | boolean; to: string | boolean }>;
  }>;
  ignoredColumns: string[];
}

export interface AdminUser {
  id: number | string;
  username: string;
  email: string;
  displayName: string;
  group: Group | string;
  source: SignInSource;
  twoFactorEnabled: boolean;
  twoFactorAvailable: boolean;
  twoFactorStatus: TwoFactorStatus;
  twoFactorReason?: TwoFactorReason;
  method: CodeMethod;
  locked: boolean;
  /** False for users imported from CSV until someone sets their password. */
  hasPassword?: boolean;
  createdAt: string;
}

export interface NewUser {
  username: string;
  email: string;
  displayName: string;
  groupId: Group['id'];
  source: SignInSource;
  password?: string;
  twoFactorEnabled?: boolean;
  method?: CodeMethod;
}

export type UserChanges = Partial<{
  email: string;
  displayName: string;
  groupId: Group['id'];
  source: SignInSource;
  twoFactorEnabled: boolean;
  method: CodeMethod;
  password: string;
}>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ApiKey {
  id: number | string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewApiKey {
  id: number | string;
  name: string;
  key: string;
  prefix: string;
  createdAt: string;
}

export interface AuditEntry {
  id: number | string;
  at: string;
  actor: string | null;
  event: string;
  target: string | null;
  ip: string | null;
  detail: unknown;
  /** A summarised burst of refusals: how many more came after the first, and when the last did. */
  repeats: number;
  lastAt: string | null;
}

export interface AuditFilter {
  user?: string;
  event?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** Event names the audit log records: the server's own list, so the filter offers every one it writes. */
/** What an invitation link is for (the invitation page). */
export interface OpenedInvitation {
  username: string;
  displayName: string;
  organisationName: string;
  expiresAt: string;
}

/** A user's pending invitation (Edit user). */
export interface UserInvitation {
  pending: { sentTo: string; sentAt: string; expiresAt: string } | null;
  /** When "Send again" is allowed, when that is still ahead. */
  sendAgainAt: string | null;
}

export interface InvitationSent {
  username: string;
  sentTo: string;
  expiresAt: string;
}

export interface InvitationCounts {
  withoutPassword: number;
  withAddress: number;
}

export interface BulkInvitations {
  sent: InvitationSent[];
  refused: Array<{ username: string; code: string; message: string }>;
  stopped?: { code: string; message: string };
}

export { AUDIT_EVENTS } from '../../../src/audit/events.ts';

/** The group name whether the server sends the group object or only its name. */
export function groupName(group: Group | string): string {
  return typeof group === 'string' ? group : group.name;
}
