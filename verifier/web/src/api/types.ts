// Shapes of the verifier's JSON API, derived from the schemas the server validates and answers with,
// so a change on one side that the other does not follow fails the type check. Type-only imports:
// nothing of the server reaches the page's bundle.
import type { Static } from '@sinclair/typebox';
import type { MeAnswer } from '../../../src/accounts/account-routes.ts';
import type { BulkAnswer, BulkBody, UserSummaryAnswer } from '../../../src/accounts/bulk-routes.ts';
import type { GroupWithCount } from '../../../src/accounts/group-routes.ts';
import type { NewUserBody, UserChangesBody } from '../../../src/accounts/user-routes.ts';
import type {
  ApiKey as ApiKeySchema,
  NewApiKey as NewApiKeySchema,
} from '../../../src/api-keys/api-key-routes.ts';
import type { AuditQuery, Entry } from '../../../src/audit/audit-routes.ts';
import type { StepAnswer } from '../../../src/auth/sign-in-routes.ts';
import type { PreviewAnswer, TemplateAnswer, TemplateBody } from '../../../src/email-code/template-routes.ts';
import type { Offer } from '../../../src/enrollment/enrollment-routes.ts';
import type { Group as GroupSchema, Method, Reason, Status, Step, User } from '../../../src/http/schemas.ts';
import type {
  BulkInvitations as BulkInvitationsSchema,
  InvitationCounts as InvitationCountsSchema,
  Sent,
  UserInvitation as UserInvitationSchema,
} from '../../../src/invitations/admin-invitation-routes.ts';
import type { OpenedInvitation as OpenedInvitationSchema } from '../../../src/invitations/invitation-routes.ts';
import type {
  NewOidcClient as NewOidcClientSchema,
  OidcClient as OidcClientSchema,
  OidcOverview as OidcOverviewSchema,
  OidcRegistration as OidcRegistrationSchema,
} from '../../../src/oidc/oidc-client-routes.ts';
import type { CodesLeft } from '../../../src/recovery-codes/recovery-code-routes.ts';
import type { RememberedDeviceAnswer, SecurityAnswer } from '../../../src/security/security-routes.ts';
import type { SecurityMailAnswer } from '../../../src/security-mail/security-mail-routes.ts';
import type { SettingsAnswer } from '../../../src/settings/settings-routes.ts';
import type { ImportAnswer } from '../../../src/users-csv/users-csv-routes.ts';

export type TwoFactorStatus = Static<typeof Status>;
/** Which policy rule decided the status. */
export type TwoFactorReason = Static<typeof Reason>;
export type CodeMethod = Static<typeof Method>;
export type SignInStep = Static<typeof Step>;

export type AdminUser = Static<typeof User>;
export type SignInSource = AdminUser['source'];
export type Group = Static<typeof GroupSchema> & Partial<Pick<Static<typeof GroupWithCount>, 'memberCount'>>;
export type NewUser = Static<typeof NewUserBody>;
export type UserChanges = Static<typeof UserChangesBody>;

export type SignInAnswer = Static<typeof StepAnswer>;
export type Me = Static<typeof MeAnswer>;
export type SessionScope = Me['scope'];
export type Enrollment = Static<typeof Offer>;
/** The end of setup: signed out, with the recovery codes shown this once. */
export interface EnrollmentConfirmed {
  step: 'signed-out';
  recoveryCodes: string[];
}
export type RecoveryCodesLeft = Static<typeof CodesLeft>;
export type SecurityMailKinds = Static<typeof SecurityMailAnswer>;
export type Settings = Static<typeof SettingsAnswer>;
/** The user's own security page: method, remembered devices, sessions, last sign-ins. */
export type SecurityOverview = Static<typeof SecurityAnswer>;
export type RememberedDevice = Static<typeof RememberedDeviceAnswer>;

/** The e-mail that carries sign-in codes, as the admin edits it. */
export type NotificationTemplate = Omit<Static<typeof TemplateBody>, 'html'>;
export type SavedTemplate = Static<typeof TemplateAnswer>;
export type RenderedMail = Static<typeof PreviewAnswer>;

export type ImportPreview = Static<typeof ImportAnswer>;
/** One problem of an import refused as a whole (the `problems` of an `invalid_csv` error). */
export interface ImportRowError {
  row: number;
  column?: string;
  reason: string;
}

export type ApiKey = Static<typeof ApiKeySchema>;
export type NewApiKey = Static<typeof NewApiKeySchema>;
export type OidcClient = Static<typeof OidcClientSchema>;
export type NewOidcClient = Static<typeof NewOidcClientSchema>;
export type OidcOverview = Static<typeof OidcOverviewSchema>;
export type OidcRegistration = Static<typeof OidcRegistrationSchema>;
export type AuditEntry = Static<typeof Entry>;
export type AuditFilter = Static<typeof AuditQuery>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** What an invitation link is for (the invitation page). */
export type OpenedInvitation = Static<typeof OpenedInvitationSchema>;
/** A user's pending invitation (Edit user). */
export type UserInvitation = Static<typeof UserInvitationSchema>;
export type InvitationSent = Static<typeof Sent>;
export type InvitationCounts = Static<typeof InvitationCountsSchema>;
export type BulkInvitations = Static<typeof BulkInvitationsSchema>;

/** Event names the audit log records: the server's own list, so the filter offers every one it writes. */
export { AUDIT_EVENTS } from '../../../src/audit/events.ts';

/** A bulk action's answer, and its request (ids ticked, or every user a filter matches). */
export type BulkResult = Static<typeof BulkAnswer>;
export type BulkRequest = Static<typeof BulkBody>;
export type BulkAction = BulkRequest['action'];
export type UserFilter = NonNullable<BulkRequest['filter']>;
export type UserSummary = Static<typeof UserSummaryAnswer>;
