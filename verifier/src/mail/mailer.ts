/** One e-mail to one recipient, already rendered. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** Omitted or empty: plain text only. */
  readonly html?: string;
}

export interface DeliveryReceipt {
  readonly messageId: string;
  /** Set by the outbox: where the .eml file was written. */
  readonly outboxPath?: string;
}

/** Where e-mail goes: an SMTP server, or the local outbox folder when none is configured. */
export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  /** Resolves once the message is accepted; rejects only with {@link MailDeliveryError}. */
  send(message: MailMessage): Promise<DeliveryReceipt>;
  close(): Promise<void>;
}

/** What an operator may see in the logs about a failure: codes, never credentials or message content. */
export interface DeliveryFailureDetail {
  /** Error code from the mail library or file system (e.g. ECONNECTION, EAUTH, EACCES). */
  readonly errorCode?: string;
  /** SMTP reply code (e.g. 451, 550). */
  readonly responseCode?: number;
}

/**
 * Sending failed after the retries. The message is safe to show to the user as is; `detail` is for logs.
 * The original error is deliberately not attached: it can carry server replies and addresses.
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  readonly code = 'mail_not_sent';
  readonly attempts: number;
  /** True when retrying later will not help without a configuration change (e.g. a rejected address). */
  readonly permanent: boolean;
  readonly detail: DeliveryFailureDetail;

  constructor(attempts: number, permanent: boolean, detail: DeliveryFailureDetail) {
    super(
      'The e-mail with your code could not be sent. Try again in a few minutes, or ask an admin for help.',
    );
    this.attempts = attempts;
    this.permanent = permanent;
    this.detail = detail;
  }
}

/** Thrown at start-up for a mail setting that cannot work; the message never repeats a password. */
export class MailConfigError extends Error {
  override readonly name = 'MailConfigError';
}

export function failureDetail(error: unknown): DeliveryFailureDetail {
  const source = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return {
    ...(typeof source.code === 'string' ? { errorCode: source.code } : {}),
    ...(typeof source.responseCode === 'number' ? { responseCode: source.responseCode } : {}),
  };
}
