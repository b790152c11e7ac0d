import { randomBytes } from 'node:crypto';
import type { UserView } from '../accounts/users.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { DomainError } from '../domain-error.ts';
import { codeMessage, type DeliveryReceipt, effectiveTemplate, MailDeliveryError } from '../mail/index.ts';
import { readSettings } from '../settings/settings.ts';
import { loadCodeRecord, saveCodeRecord } from './code-store.ts';
import type { EmailCodeDeps } from './email-code-deps.ts';
import {
  DEFAULT_EMAIL_CODE_POLICY,
  type EmailCodeRecord,
  type EmailCodeSecrets,
  issueCode,
  resendCode,
} from './index.ts';
import { loadTemplate } from './template-store.ts';

export type SendOutcome =
  | { kind: 'sent'; receipt: DeliveryReceipt }
  | { kind: 'cooldown' | 'limit'; retryAfterSeconds: number };

const MAX_RACES = 3;

export const emailMissing = () =>
  new DomainError(
    'conflict',
    'email_missing',
    'Your account has no e-mail address to send sign-in codes to. Ask an admin to add one.',
  );

export function codeSecrets(ctx: Pick<EmailCodeDeps, 'emailCodeKey'>): EmailCodeSecrets {
  return { serverKey: ctx.emailCodeKey, randomBytes: (n) => new Uint8Array(randomBytes(n)) };
}

/**
 * Issues (after the password) or re-issues (Resend) the user's code and e-mails it. The new record
 * replaces the old one with a conditional write, which voids the old code; the code itself lives only
 * in the message. The address used is audited. Delivery failures reach the user as 503 mail_not_sent
 * with a sentence that reveals nothing about the mail server.
 */
export async function sendSignInCode(
  ctx: EmailCodeDeps,
  user: UserView,
  mode: 'issue' | 'resend',
  ip: string,
): Promise<SendOutcome> {
  const address = user.email.trim();
  if (address === '') throw emailMissing();
  const now = ctx.clock.now();
  const audit = { at: now, actor: user.username, target: user.username, ip };
  let code: string | null = null;
  for (let race = 0; race < MAX_RACES && code === null; race++) {
    const previous: EmailCodeRecord | null = await loadCodeRecord(ctx.db, user.id);
    const outcome =
      mode === 'resend' && previous !== null
        ? resendCode(previous, now, codeSecrets(ctx))
        : issueCode(previous, now, codeSecrets(ctx));
    if (outcome.kind !== 'sent') {
      await writeAudit(ctx.db, {
        ...audit,
        event: 'sign_in.code_send_refused',
        detail: { reason: outcome.kind, retryAfterSeconds: outcome.retryAfterSeconds },
      });
      return { kind: outcome.kind, retryAfterSeconds: outcome.retryAfterSeconds };
    }
    if (await saveCodeRecord(ctx.db, user.id, previous, outcome.record)) code = outcome.code;
  }
  if (code === null) {
    throw new DomainError(
      'conflict',
      'try_again',
      'Another sign-in changed your code at the same moment. Try again.',
    );
  }
  const settings = await readSettings(ctx.db);
  const message = codeMessage(address, effectiveTemplate(await loadTemplate(ctx.db)), {
    code,
    username: user.username,
    displayName: user.displayName || user.username,
    minutes: Math.round(DEFAULT_EMAIL_CODE_POLICY.validityMs / 60_000),
    organisation: settings.organisationName,
  });
  try {
    const receipt = await ctx.mailer.send(message);
    await writeAudit(ctx.db, { ...audit, event: 'sign_in.code_sent', detail: { address, mode } });
    return { kind: 'sent', receipt };
  } catch (error) {
    if (!(error instanceof MailDeliveryError)) throw error;
    await writeAudit(ctx.db, {
      ...audit,
      event: 'sign_in.code_send_failed',
      detail: { address, attempts: error.attempts, ...error.detail },
    });
    throw new DomainError('unavailable', error.code, error.message);
  }
}
