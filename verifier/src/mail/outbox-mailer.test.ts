import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailerFromEnv, createOutboxMailer, MailDeliveryError } from './index.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'outbox-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('outbox mailer', () => {
  it('writes each message as a parseable .eml file, readable by its owner only, and returns its path', async () => {
    const directory = path.join(root, 'data', 'outbox');
    const mailer = createOutboxMailer({
      directory,
      from: 'Sign-in <no-reply@verifier.test>',
      now: () => new Date('2026-11-23T00:40:05.123Z'),
    });
    const receipt = await mailer.send({
      to: 'ana@example.org',
      subject: 'Your sign-in code for Acme',
      text: 'Your sign-in code is: 904112',
      html: '<p>Your sign-in code is: <b>904112</b></p>',
    });

    expect(receipt.outboxPath).toMatch(/20261123T004005-123Z-[0-9a-f]{12}\.eml$/);
    expect(path.dirname(receipt.outboxPath ?? '')).toBe(directory);
    const mail = await simpleParser(await readFile(receipt.outboxPath ?? ''));
    expect(mail.messageId).toBe(receipt.messageId);
    expect(mail.subject).toBe('Your sign-in code for Acme');
    expect(mail.text?.trim()).toBe('Your sign-in code is: 904112');
    expect(mail.html).toContain('<b>904112</b>');
    expect(mail.to && !Array.isArray(mail.to) && mail.to.value[0]?.address).toBe('ana@example.org');
    expect((await stat(receipt.outboxPath ?? '')).mode & 0o777).toBe(0o600);
    expect(await readdir(directory)).toEqual([path.basename(receipt.outboxPath ?? '')]);
  });

  it('gives every message its own file even within the same millisecond', async () => {
    const mailer = createOutboxMailer({ directory: root, from: 'a@verifier.test', now: () => new Date(0) });
    const sent = await Promise.all(
      [1, 2, 3].map((n) => mailer.send({ to: 'a@example.org', subject: `m${n}`, text: `code ${n}` })),
    );
    expect(new Set(sent.map((receipt) => receipt.outboxPath)).size).toBe(3);
    expect((await readdir(root)).filter((name) => name.endsWith('.eml'))).toHaveLength(3);
    expect((await readdir(root)).some((name) => name.endsWith('.tmp'))).toBe(false);
  });

  it('reports a folder it cannot write to as a delivery failure, leaving no partial file', async () => {
    const blocker = path.join(root, 'not-a-folder');
    await writeFile(blocker, 'x');
    const mailer = createOutboxMailer({ directory: blocker, from: 'a@verifier.test' });
    const error = await mailer
      .send({ to: 'a@example.org', subject: 's', text: 't' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ permanent: true, detail: { errorCode: 'EEXIST' } });
    expect(await readdir(root)).toEqual(['not-a-folder']);
  });
});

describe('choosing the mailer from the environment', () => {
  it('uses the outbox when SMTP_URL is not set and SMTP when it is', async () => {
    expect(createMailerFromEnv({}, root).kind).toBe('outbox');
    expect(createMailerFromEnv({ SMTP_URL: '  ' }, root).kind).toBe('outbox');
    const smtp = createMailerFromEnv({ SMTP_URL: 'smtp://mail.example.org:2525' });
    expect(smtp.kind).toBe('smtp');
    await smtp.close();
  });
});
