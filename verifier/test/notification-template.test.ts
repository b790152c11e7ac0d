import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailerFromEnv } from '../src/mail/index.ts';
import { updateSettings } from '../src/settings/settings.ts';
import { codeIn, startSmtpServer, type TestSmtpServer } from '../test-support/smtp.ts';
import {
  addUser,
  Client,
  createTestApp,
  enableSystemTwoFactor,
  PASSWORD,
  signInAdmin,
  type TestApp,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const template = {
  subject: 'Code for {{ organisation }}',
  text: 'Hi {{displayName}}, your code is {{code}} ({{minutes}} min).\n\nHelp: https://help.example.test',
  active: true,
};

describe.each(databaseKinds())('notification template on %s', (kind) => {
  let t: TestApp;
  let smtp: TestSmtpServer | undefined;
  afterEach(async () => {
    await t.close();
    await smtp?.close();
    smtp = undefined;
  });

  async function start(): Promise<Client> {
    smtp = await startSmtpServer();
    t = await createTestApp(kind, { mailer: createMailerFromEnv({ SMTP_URL: smtp.url }) });
    await enableSystemTwoFactor(t);
    await updateSettings(
      t.ctx.db,
      { methods: ['totp', 'email'], organisationName: 'Acme' },
      { at: t.clock.now(), actor: 'test' },
    );
    await addUser(t, 'erin', { twoFactorEnabled: true, method: 'email' });
    return signInAdmin(t);
  }

  it('starts with the built-in template and lists the merge fields', async () => {
    const admin = await start();
    const answer = (await admin.get('/api/admin/notification-template')).json();
    expect(answer).toMatchObject({
      saved: false,
      active: true,
      fields: ['code', 'username', 'displayName', 'minutes', 'organisation'],
    });
    expect(answer.text).toContain('{{code}}');
  });

  it('previews a draft with sample values without saving it', async () => {
    const admin = await start();
    const preview = await admin.post('/api/admin/notification-template/preview', template);
    const mail = preview.json();
    expect(mail.subject).toBe('Code for Acme');
    expect(mail.text).toBe('Hi Jo Smith, your code is 123456 (5 min).\n\nHelp: https://help.example.test');
    // The HTML part is generated from the text: same words, the code set large, the address a link.
    expect(mail.html).toMatch(/<p>Hi Jo Smith, your code is <strong[^>]*>123456<\/strong> \(5 min\)\.<\/p>/);
    expect(mail.html).toContain(
      '<p>Help: <a href="https://help.example.test">https://help.example.test</a></p>',
    );
    expect((await admin.get('/api/admin/notification-template')).json().saved).toBe(false);
  });

  it('refuses an unknown merge field or a body without {{code}}, saying which', async () => {
    const admin = await start();
    const unknown = await admin.request('PUT', '/api/admin/notification-template', {
      ...template,
      text: 'Code {{code}} for {{firstName}}',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('invalid_template');
    expect(unknown.json().error.message).toContain('unknown merge field {{firstName}}');
    const noCode = await admin.post('/api/admin/notification-template/preview', {
      ...template,
      text: 'Hello',
    });
    expect(noCode.json().error.message).toContain('must contain {{code}}');
    expect((await admin.get('/api/admin/notification-template')).json().saved).toBe(false);
  });

  it('sends the saved template while it is active, and the built-in one when it is not', async () => {
    const admin = await start();
    expect((await admin.request('PUT', '/api/admin/notification-template', template)).statusCode).toBe(200);
    await new Client(t.app).post('/api/auth/login', { username: 'erin', password: PASSWORD });
    const custom = smtp?.received.at(-1);
    expect(custom?.subject).toBe('Code for Acme');
    const code = codeIn(custom);
    expect(custom?.text?.trim()).toBe(
      `Hi erin, your code is ${code} (5 min).\n\nHelp: https://help.example.test`,
    );
    // Most mail clients show the HTML part: it says what the edited text says.
    expect(custom?.html).toMatch(
      new RegExp(`<p>Hi erin, your code is <strong[^>]*>${code}</strong> \\(5 min\\)\\.</p>`),
    );
    await admin.request('PUT', '/api/admin/notification-template', { ...template, active: false });
    t.clock.advance(61_000);
    await new Client(t.app).post('/api/auth/login', { username: 'erin', password: PASSWORD });
    expect(smtp?.received.at(-1)?.subject).toBe('Your sign-in code for Acme');
    const audit = (await admin.get('/api/admin/audit?event=template.updated')).json();
    expect(audit.total).toBe(2);
  });

  it('keeps a template saved with an HTML body working, sending HTML made from its text', async () => {
    const admin = await start();
    // An older client still sends an HTML body; it is accepted and the HTML is generated instead.
    const saved = await admin.request('PUT', '/api/admin/notification-template', {
      ...template,
      html: '<p>Old HTML {{code}}</p>',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).not.toHaveProperty('html');
    // A row saved before the HTML part was generated still holds its own HTML body; it is not sent.
    await t.ctx.db
      .updateTable('notification_templates')
      .set({ html_body: '<p>Old HTML {{code}}</p>' })
      .execute();
    await new Client(t.app).post('/api/auth/login', { username: 'erin', password: PASSWORD });
    const mail = smtp?.received.at(-1);
    expect(mail?.subject).toBe('Code for Acme');
    expect(mail?.html).not.toContain('Old HTML');
    expect(mail?.html).toContain(`>${codeIn(mail)}</strong>`);
  });
});

describe('e-mailed codes without an SMTP server', () => {
  it('writes the message as an .eml file and logs its path, never the code', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const outbox = mkdtempSync(join(tmpdir(), 'verifier-outbox-log-'));
    const t = await createTestApp('sqlite', {
      mailer: createMailerFromEnv({}, outbox),
      logger: { level: 'info', stream },
    });
    try {
      await enableSystemTwoFactor(t);
      await updateSettings(t.ctx.db, { methods: ['totp', 'email'] }, { at: t.clock.now(), actor: 'test' });
      await addUser(t, 'erin', { twoFactorEnabled: true, method: 'email' });
      const login = await new Client(t.app).post('/api/auth/login', {
        username: 'erin',
        password: PASSWORD,
      });
      expect(login.json()).toMatchObject({ step: 'code', method: 'email' });
      const files = readdirSync(outbox).filter((name) => name.endsWith('.eml'));
      expect(files).toHaveLength(1);
      const eml = readFileSync(join(outbox, files[0] as string), 'utf8');
      const code = /code is: (\d{6})/.exec(eml)?.[1];
      expect(code).toMatch(/^\d{6}$/);
      const log = lines.join('');
      expect(log).toContain(join(outbox, files[0] as string));
      expect(log).not.toContain(code as string);
    } finally {
      await t.close();
      rmSync(outbox, { recursive: true, force: true });
    }
  });
});
