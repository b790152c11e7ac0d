import type { Mailer } from './mailer.ts';
import { createOutboxMailer } from './outbox-mailer.ts';
import { createSmtpMailer } from './smtp-mailer.ts';

export interface MailEnvironment {
  readonly SMTP_URL?: string | undefined;
  readonly MAIL_FROM?: string | undefined;
}

export const DEFAULT_MAIL_FROM = 'Sign-in codes <no-reply@localhost>';

/** SMTP when `SMTP_URL` is set; otherwise the outbox folder, so a fresh install works without a mail server. */
export function createMailerFromEnv(env: MailEnvironment, outboxDirectory?: string): Mailer {
  const from = env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  const url = env.SMTP_URL?.trim();
  if (url) return createSmtpMailer({ url, from });
  return createOutboxMailer({ from, ...(outboxDirectory ? { directory: outboxDirectory } : {}) });
}
