import nodemailer from 'nodemailer';
import {
  type DeliveryFailureDetail,
  type DeliveryReceipt,
  failureDetail,
  MailConfigError,
  MailDeliveryError,
  type Mailer,
  type MailMessage,
} from './mailer.ts';

export interface SmtpMailerOptions {
  /** `smtp://user:password@host:port` (STARTTLS when offered) or `smtps://…` (TLS from the start). */
  readonly url: string;
  /** Sender, e.g. `Sign-in <no-reply@example.org>`. */
  readonly from: string;
  /** Pauses before each retry; the number of entries is the number of retries. */
  readonly retryDelaysMs?: readonly number[];
  /** Connection, greeting and socket timeout, so a dead server does not hold a sign-in page for minutes. */
  readonly timeoutMs?: number;
  /** Injected in tests to skip the real pauses. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_RETRY_DELAYS_MS = [500, 2000];
const DEFAULT_TIMEOUT_MS = 10_000;
// Network-level failures that a later attempt may not meet again.
const TRANSIENT_ERROR_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNRESET',
  'ECONNREFUSED',
]);

/** SMTP 4xx replies and dropped connections are worth retrying; 5xx replies and bad credentials are not. */
export function isTransient(detail: DeliveryFailureDetail): boolean {
  if (detail.responseCode !== undefined) return detail.responseCode >= 400 && detail.responseCode < 500;
  return detail.errorCode !== undefined && TRANSIENT_ERROR_CODES.has(detail.errorCode);
}

interface SmtpEndpoint {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** Refuse to send credentials unless the server upgrades to TLS (STARTTLS). */
  readonly requireTLS: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

const URL_HINT = 'SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465';

export function parseSmtpUrl(text: string): SmtpEndpoint {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new MailConfigError(`${URL_HINT}.`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new MailConfigError(`${URL_HINT}; "${url.protocol}" is not supported.`);
  }
  if (url.hostname === '') throw new MailConfigError(`${URL_HINT}; the host is missing.`);
  const secure = url.protocol === 'smtps:';
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  const user = decodeURIComponent(url.username);
  const auth = user === '' ? undefined : { user, pass: decodeURIComponent(url.password) };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // A password must not cross the network in clear text; a relay on this machine may go without TLS.
  const requireTLS = !secure && auth !== undefined && !LOOPBACK_HOSTS.has(host);
  return { host, port, secure, requireTLS, ...(auth ? { auth } : {}) };
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const endpoint = parseSmtpUrl(options.url);
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const sleep = options.sleep ?? realSleep;
  const transport = nodemailer.createTransport({
    ...endpoint,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });

  async function send(message: MailMessage): Promise<DeliveryReceipt> {
    let attempts = 0;
    for (;;) {
      attempts++;
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
        });
        return { messageId: info.messageId };
      } catch (error) {
        const detail = failureDetail(error);
        const transient = isTransient(detail);
        const delay = delays[attempts - 1];
        if (!transient || delay === undefined) throw new MailDeliveryError(attempts, !transient, detail);
        await sleep(delay);
      }
    }
  }

  return {
    kind: 'smtp',
    send,
    close: async () => transport.close(),
  };
}
