import type { ApiClient } from './client.ts';
import type {
  AdminUser,
  ApiKey,
  AuditEntry,
  AuditFilter,
  BulkInvitations,
  BulkRequest,
  BulkResult,
  Enrollment,
  EnrollmentConfirmed,
  Group,
  ImportPreview,
  InvitationCounts,
  InvitationSent,
  Me,
  NewApiKey,
  NewOidcClient,
  NewUser,
  NotificationTemplate,
  OidcClient,
  OidcOverview,
  OidcRegistration,
  OpenedInvitation,
  Page,
  RecoveryCodesLeft,
  RememberedDevice,
  RenderedMail,
  SavedTemplate,
  SecurityMailKinds,
  SecurityOverview,
  Settings,
  SignInAnswer,
  UserChanges,
  UserInvitation,
  UserSummary,
} from './types.ts';

/** Every call the pages make, one typed function per endpoint of the API contract. */
export function verifierApi(client: ApiClient) {
  const remember = <T extends { csrfToken?: string }>(answer: T): T => {
    if (answer.csrfToken) client.setCsrfToken(answer.csrfToken);
    return answer;
  };
  const id = (value: string | number) => encodeURIComponent(String(value));

  return {
    me: async () => remember(await client.get<Me>('/api/me')),
    login: async (username: string, password: string) =>
      remember(await client.post<SignInAnswer>('/api/auth/login', { username, password })),
    submitCode: async (code: string, rememberDevice = false) =>
      remember(
        await client.post<SignInAnswer>(
          '/api/auth/code',
          rememberDevice ? { code, remember: true } : { code },
        ),
      ),
    resendCode: () => client.post<{ sent: boolean }>('/api/auth/resend', {}),
    changePassword: async (currentPassword: string, newPassword: string) =>
      remember(await client.post<SignInAnswer>('/api/auth/password', { currentPassword, newPassword })),
    openInvitation: (token: string) => client.post<OpenedInvitation>('/api/invitations/open', { token }),
    acceptInvitation: async (token: string, password: string) =>
      remember(await client.post<SignInAnswer>('/api/invitations/accept', { token, password })),
    /** Whether the verifier lets the sign-in page send the browser to `rd` (a protected app). */
    returnTarget: (rd: string) =>
      client.get<{ target: string }>(`/api/forward-auth/return-target?rd=${encodeURIComponent(rd)}`),
    security: () => client.get<SecurityOverview>('/api/security'),
    revokeDevice: (ref: string, currentPassword: string) =>
      client.post<void>('/api/security/devices/revoke', { ref, currentPassword }),
    revokeSession: (ref: string, currentPassword: string) =>
      client.post<void>('/api/security/sessions/revoke', { ref, currentPassword }),
    logout: async () => {
      await client.post<void>('/api/auth/logout');
      client.setCsrfToken(null);
    },

    startEnrollment: () => client.post<Enrollment>('/api/enrollment/start', {}),
    newEnrollmentKey: () => client.post<Enrollment>('/api/enrollment/new-key', {}),
    confirmEnrollment: async (code: string) => {
      const answer = await client.post<EnrollmentConfirmed>('/api/enrollment/confirm', { code });
      client.setCsrfToken(null);
      return answer;
    },

    submitRecoveryCode: async (code: string) =>
      remember(await client.post<SignInAnswer>('/api/auth/recovery-code', { code })),
    recoveryCodesLeft: () => client.get<RecoveryCodesLeft>('/api/recovery-codes'),
    regenerateRecoveryCodes: (currentPassword: string, code: string) =>
      client.post<{ codes: string[] }>('/api/recovery-codes/regenerate', { currentPassword, code }),
    userRecoveryCodesLeft: (userId: AdminUser['id']) =>
      client.get<RecoveryCodesLeft>(`/api/admin/users/${id(userId)}/recovery-codes`),
    securityMail: () => client.get<SecurityMailKinds>('/api/admin/security-mail'),
    saveSecurityMail: (switches: Partial<Record<string, boolean>>) =>
      client.patch<SecurityMailKinds>('/api/admin/security-mail', switches),

    settings: () => client.get<Settings>('/api/admin/settings'),
    extendGrace: (graceEndsAt: string) => client.post<Settings>('/api/admin/settings/grace', { graceEndsAt }),
    template: () => client.get<SavedTemplate>('/api/admin/notification-template'),
    saveTemplate: (template: NotificationTemplate) =>
      client.put<SavedTemplate>('/api/admin/notification-template', template),
    previewTemplate: (template: NotificationTemplate) =>
      client.post<RenderedMail>('/api/admin/notification-template/preview', template),
    /** Plain link target: the browser downloads the file with the session cookie. */
    usersExportUrl: '/api/admin/users/export',
    importUsers: (csv: string, dryRun: boolean) =>
      client.post<ImportPreview>('/api/admin/users/import', { csv, dryRun }),
    updateSettings: (
      changes: Partial<
        Pick<
          Settings,
          'twoFactorEnabled' | 'organisationName' | 'verificationWindow' | 'methods' | 'rememberDeviceDays'
        >
      >,
    ) => client.patch<Settings>('/api/admin/settings', changes),

    /** The Users list: its address's parameters go to the API as they are (see users-view.ts). */
    users: (params: Record<string, string | number | undefined>) =>
      client.get<Page<AdminUser>>('/api/admin/users', params),
    bulkUsers: (request: BulkRequest) => client.post<BulkResult>('/api/admin/users/bulk', request),
    usersSummary: (pendingDays: number) =>
      client.get<UserSummary>('/api/admin/users/summary', { pendingDays }),
    user: (userId: AdminUser['id']) => client.get<AdminUser>(`/api/admin/users/${id(userId)}`),
    createUser: (user: NewUser) => client.post<AdminUser>('/api/admin/users', user),
    updateUser: (userId: AdminUser['id'], changes: UserChanges) =>
      client.patch<AdminUser>(`/api/admin/users/${id(userId)}`, changes),
    userRememberedDevices: (userId: AdminUser['id']) =>
      client.get<{ items: RememberedDevice[] }>(`/api/admin/users/${id(userId)}/remembered-devices`),
    revokeUserDevice: (userId: AdminUser['id'], ref: string) =>
      client.post<void>(`/api/admin/users/${id(userId)}/remembered-devices/revoke`, { ref }),
    unlockUser: (userId: AdminUser['id']) =>
      client.post<AdminUser>(`/api/admin/users/${id(userId)}/unlock`, {}),
    clearEmailLimit: (userId: AdminUser['id']) =>
      client.post<AdminUser>(`/api/admin/users/${id(userId)}/clear-email-limit`, {}),
    userInvitation: (userId: AdminUser['id']) =>
      client.get<UserInvitation>(`/api/admin/users/${id(userId)}/invitation`),
    sendInvitation: (userId: AdminUser['id']) =>
      client.post<InvitationSent>(`/api/admin/users/${id(userId)}/invitation`, {}),
    invitationCounts: () => client.get<InvitationCounts>('/api/admin/invitations'),
    sendAllInvitations: () => client.post<BulkInvitations>('/api/admin/invitations', {}),

    groups: () => client.get<{ items: Group[] }>('/api/admin/groups'),
    createGroup: (name: string) => client.post<Group>('/api/admin/groups', { name }),
    updateGroup: (groupId: Group['id'], changes: { name?: string; twoFactorEnabled?: boolean }) =>
      client.patch<Group>(`/api/admin/groups/${id(groupId)}`, changes),

    apiKeys: () => client.get<{ items: ApiKey[] }>('/api/admin/api-keys'),
    createApiKey: (name: string) => client.post<NewApiKey>('/api/admin/api-keys', { name }),
    revokeApiKey: (keyId: ApiKey['id']) => client.delete<void>(`/api/admin/api-keys/${id(keyId)}`),

    oidcClients: () => client.get<OidcOverview>('/api/admin/oidc/clients'),
    registerOidcClient: (registration: OidcRegistration) =>
      client.post<NewOidcClient>('/api/admin/oidc/clients', registration),
    removeOidcClient: (clientId: OidcClient['clientId']) =>
      client.delete<void>(`/api/admin/oidc/clients/${encodeURIComponent(clientId)}`),

    audit: (filter: AuditFilter) => client.get<Page<AuditEntry>>('/api/admin/audit', { ...filter }),
  };
}

export type VerifierApi = ReturnType<typeof verifierApi>;
