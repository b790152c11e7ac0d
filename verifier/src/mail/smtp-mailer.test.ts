import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  codeMessage,
  createSmtpMailer,
  DEFAULT_TEMPLATE,
  effectiveTemplate,
  MailConfigError,
  MailDeliveryError,
  type Mailer,
  parseSmtpUrl,
} from './index.ts';

interface TestServer {
  readonly port: number;
  readonly received: ParsedMail[];
  /** Number of DATA commands the server saw, accepted or not. */
  dataAttempts: number;
  close(): Promise<void>;
}

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((item) => item.close()));
});

/** A real SMTP server on a free local port; `rejectWith` answers DATA with that reply code. */
async function startServer(rejectWith?: (attempt: number) => number | null): Promise<TestServer> {
  const state = { received: [] as ParsedMail[], dataAttempts: 0 };
  const options: SMTPServerOptions = {
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 's3cret:pass')
        callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      state.dataAttempts++;
      const code = rejectWith?.(state.dataAttempts) ?? null;
      simpleParser(stream).then(
        (mail) => {
          if (code !== null) {
            callback(Object.assign(new Error('Mailbox unavailable (test server)'), { responseCode: code }));
            return;
          }
          state.received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const handle = {
    port,
    get received() {
      return state.received;
    },
    get dataAttempts() {
      return state.dataAttempts;
    },
    set dataAttempts(value: number) {
      state.dataAttempts = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  running.push(handle);
  return handle;
}

function mailerFor(port: number, sleeps: number[] = []): Mailer {
  const mailer = createSmtpMailer({
    url: `smtp://mailer:${encodeURIComponent('s3cret:pass')}@127.0.0.1:${port}`,
    from: 'Sign-in <no-reply@verifier.test>',
    retryDelaysMs: [100, 400],
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    timeoutMs: 5000,
  });
  running.push(mailer);
  return mailer;
}

const values = {
  code: '381904',
  username: 'ana',
  displayName: 'Ana <A&B>',
  minutes: 5,
  organisation: 'Acme',
};

describe('SMTP mailer', () => {
  it('delivers the rendered code e-mail to a real SMTP server, signing in with the credentials from the URL', async () => {
    const server = await startServer();
    const mailer = mailerFor(server.port);
    const message = codeMessage('ana@example.org', effectiveTemplate(DEFAULT_TEMPLATE), values);
    const receipt = await mailer.send(message);

    expect(server.received).toHaveLength(1);
    const mail = server.received[0] as ParsedMail;
    expect(mail.messageId).toBe(receipt.messageId);
    expect(mail.subject).toBe('Your sign-in code for Acme');
    expect(mail.to && !Array.isArray(mail.to) && mail.to.text).toBe('ana@example.org');
    expect(mail.from?.value[0]).toMatchObject({ name: 'Sign-in', address: 'no-reply@verifier.test' });
    expect(mail.text).toContain('Your sign-in code is: 381904');
    expect(mail.html).toContain('>381904</strong>');
    expect(mail.html).toContain('Ana &lt;A&amp;B&gt;');
  });

  it('retries a temporary refusal and succeeds once the server accepts', async () => {
    const server = await startServer((attempt) => (attempt === 1 ? 451 : null));
    const sleeps: number[] = [];
    await mailerFor(server.port, sleeps).send({
      to: 'ana@example.org',
      subject: 'Code',
      text: 'Code 111222',
    });
    expect(server.dataAttempts).toBe(2);
    expect(sleeps).toEqual([100]);
    expect(server.received[0]?.text).toContain('111222');
  });

  it('gives up after the retries with an error that tells the user nothing about the server', async () => {
    const server = await startServer(() => 451);
    const sleeps: number[] = [];
    const error = await mailerFor(server.port, sleeps)
      .send({ to: 'ana@example.org', subject: 'Code', text: 'Code 111222' })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MailDeliveryError);
    const failure = error as MailDeliveryError;
    expect(server.dataAttempts).toBe(3);
    expect(sleeps).toEqual([100, 400]);
    expect(failure).toMatchObject({
      code: 'mail_not_sent',
      attempts: 3,
      permanent: false,
      detail: { responseCode: 451 },
    });
    expect(failure.message).toBe(
      'The e-mail with your code could not be sent. Try again in a few minutes, or ask an admin for help.',
    );
    expect(JSON.stringify({ ...failure, message: failure.message })).not.toMatch(
      /test server|127\.0\.0\.1|s3cret/,
    );
    expect(failure.cause).toBeUndefined();
  });

  it('does not retry a permanent refusal', async () => {
    const server = await startServer(() => 550);
    const error = await mailerFor(server.port)
      .send({ to: 'ana@example.org', subject: 'Code', text: 'Code 111222' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ attempts: 1, permanent: true, detail: { responseCode: 550 } });
    expect(server.dataAttempts).toBe(1);
  });

  it('does not retry wrong credentials', async () => {
    const server = await startServer();
    const mailer = createSmtpMailer({
      url: `smtp://mailer:wrong@127.0.0.1:${server.port}`,
      from: 'no-reply@verifier.test',
      sleep: async () => {},
    });
    running.push(mailer);
    const error = await mailer
      .send({ to: 'a@example.org', subject: 'x', text: 'x' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ attempts: 1, permanent: true });
    expect(server.received).toHaveLength(0);
  });

  it('retries when no server listens and then reports the failure', async () => {
    const server = await startServer();
    const port = server.port;
    await server.close();
    const sleeps: number[] = [];
    const error = await mailerFor(port, sleeps)
      .send({ to: 'a@example.org', subject: 'x', text: 'x' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ attempts: 3, permanent: false });
    expect(sleeps).toEqual([100, 400]);
  });
});

describe('SMTP_URL', () => {
  it('reads host, port, TLS mode and percent-encoded credentials', () => {
    expect(parseSmtpUrl('smtp://user%40corp:p%3Ass@mail.example.org:2525')).toEqual({
      host: 'mail.example.org',
      port: 2525,
      secure: false,
      requireTLS: true,
      auth: { user: 'user@corp', pass: 'p:ss' },
    });
    expect(parseSmtpUrl('smtps://mail.example.org')).toEqual({
      host: 'mail.example.org',
      port: 465,
      secure: true,
      requireTLS: false,
    });
    expect(parseSmtpUrl('smtp://mail.example.org').port).toBe(587);
  });

  it('insists on STARTTLS before sending a password to another machine, but not to a local relay', () => {
    expect(parseSmtpUrl('smtp://u:p@mail.example.org').requireTLS).toBe(true);
    expect(parseSmtpUrl('smtp://mail.example.org').requireTLS).toBe(false);
    expect(parseSmtpUrl('smtp://u:p@127.0.0.1:25').requireTLS).toBe(false);
    expect(parseSmtpUrl('smtp://u:p@[::1]:25').requireTLS).toBe(false);
  });

  it('refuses other schemes and garbage without repeating the password', () => {
    expect(() => parseSmtpUrl('http://u:topsecret@mail.example.org')).toThrow(MailConfigError);
    for (const bad of ['http://u:topsecret@mail.example.org', 'u:topsecret@@', '']) {
      try {
        parseSmtpUrl(bad);
        expect.unreachable();
      } catch (error) {
        expect((error as Error).message).toMatch(/SMTP_URL must look like/);
        expect((error as Error).message).not.toContain('topsecret');
      }
    }
  });
});
