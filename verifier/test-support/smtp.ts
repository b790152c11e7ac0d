import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createSmtpMailer, type Mailer } from '../src/mail/index.ts';

/** A real SMTP server on a free local port that keeps every message it accepts, parsed. */
export interface TestSmtpServer {
  readonly port: number;
  readonly url: string;
  readonly received: ParsedMail[];
  /** Answer the next DATA commands with this SMTP reply code instead of accepting them. */
  rejectNext(count: number, responseCode: number): void;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  const rejection = { left: 0, code: 0 };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          if (rejection.left > 0) {
            rejection.left--;
            callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: rejection.code }));
            return;
          }
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    rejectNext(count, responseCode) {
      rejection.left = count;
      rejection.code = responseCode;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * One real SMTP server for a test file, emptied (and accepting again) before each test, with the
 * mailer a verifier under test sends through: what every e-mail test file sets up the same way.
 */
export function useSmtpServer(): {
  readonly server: TestSmtpServer;
  mailer(retryDelaysMs?: number[]): Mailer;
} {
  let server: TestSmtpServer | undefined;
  beforeAll(async () => {
    server = await startSmtpServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    if (!server) return;
    server.received.length = 0;
    server.rejectNext(0, 0);
  });
  return {
    get server() {
      if (!server) throw new Error('the SMTP server starts in beforeAll');
      return server;
    },
    mailer: (retryDelaysMs = [5]) =>
      createSmtpMailer({
        url: (server as TestSmtpServer).url,
        from: 'Verifier <no-reply@example.test>',
        retryDelaysMs,
      }),
  };
}

/** The 6-digit code in a received sign-in e-mail's plain-text body. */
export function codeIn(mail: ParsedMail | undefined): string {
  const match = /\b(\d{6})\b/.exec(mail?.text ?? '');
  if (!match?.[1]) throw new Error(`no code in the e-mail: ${mail?.text}`);
  return match[1];
}
