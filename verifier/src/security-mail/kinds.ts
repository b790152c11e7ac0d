/** The security e-mails (ASVS 6.3.7): each tells the user of a change to how they sign in. */
export const SECURITY_MAIL_KINDS = [
  'two_factor_set_up',
  'two_factor_reset_by_admin',
  'recovery_code_used',
  'device_remembered',
  'password_changed',
] as const;

export type SecurityMailKind = (typeof SECURITY_MAIL_KINDS)[number];

export function isSecurityMailKind(value: string): value is SecurityMailKind {
  return (SECURITY_MAIL_KINDS as readonly string[]).includes(value);
}
