export { type CodeCheckOutcome, checkCode, deadReason } from './check.ts';
export {
  DEFAULT_EMAIL_CODE_POLICY,
  EMAIL_CODE_DIGITS,
  type EmailCodePolicy,
  type EmailCodeRecord,
  type EmailCodeStatus,
} from './code-record.ts';
export { type EmailCodeSecrets, generateCode, type RandomBytes } from './code-secret.ts';
export { EmailCodeArgumentError } from './errors.ts';
export {
  type CodeCooldown,
  type CodeSendLimit,
  type CodeSent,
  clearSendCounts,
  type IssueOutcome,
  issueCode,
  type ResendOutcome,
  resendCode,
} from './issue.ts';
