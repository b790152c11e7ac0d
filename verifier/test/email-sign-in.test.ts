import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateSettings } from '../src/settings/settings.ts';
import { codeIn, type TestSmtpServer, useSmtpServer } from '../test-support/smtp.ts';
import {
  addUser,
  Client,
  createTestApp,
  enableSystemTwoFactor,
  PASSWORD,
  signInAdmin,
  type TestApp,
} from '../test-support/test-app.ts';
import { type DatabaseKind, databaseKinds } from '../test-support/test-database.ts';

const MINUTE = 60_000;

describe.each(databaseKinds())('e-mailed sign-in codes on %s', (kind) => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  const mail = useSmtpServer();
  beforeEach(async () => {
    smtp = mail.server;
    const mailer = mail.mailer([5, 5]);
    t = await createTestApp(kind, { mailer });
    await enableSystemTwoFactor(t);
    await updateSettings(
      t.ctx.db,
      { methods: ['totp', 'email'], organisationName: 'Acme Test' },
      { at: t.clock.now(), actor: 'test' },
    );
    await addUser(t, 'erin', { twoFactorEnabled: true, method: 'email' });
  });
  afterEach(async () => {
    await t.close();
  });

  async function signIn(username = 'erin') {
    const client = new Client(t.app);
    const login = await client.post('/api/auth/login', { username, password: PASSWORD });
    return { client, login };
  }

  const lastCode = () => codeIn(smtp.received.at(-1));

  it('e-mails a 6-digit code after the password and signs in with it, without any QR setup', async () => {
    const { client, login } = await signIn();
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ step: 'code', method: 'email', digits: 6 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toMatchObject({ text: 'erin@example.test' });
    expect(mail?.subject).toBe('Your sign-in code for Acme Test');
    expect(mail?.html).toContain(lastCode());
    const me = await client.get('/api/me');
    expect(me.json()).toMatchObject({
      scope: 'code',
      user: { method: 'email', twoFactorStatus: 'Pending' },
    });
    const accepted = await client.post('/api/auth/code', { code: lastCode() });
    expect(accepted.json()).toMatchObject({ step: 'signed-in' });
    expect((await client.get('/api/me')).json().user.twoFactorStatus).toBe('Activated');
    expect((await client.post('/api/enrollment/start')).json().error.code).toBe('not_pending');
  });

  it('writes the address used to the audit log and stores only a keyed hash of the code', async () => {
    await signIn();
    const sent = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('event', '=', 'sign_in.code_sent')
      .execute();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]?.detail ?? '{}')).toMatchObject({ address: 'erin@example.test' });
    const rows = await t.ctx.db.selectFrom('email_codes').selectAll().execute();
    expect(rows).toHaveLength(1);
    // As a word of its own: six digits can occur by chance inside a hash or a timestamp.
    const theCode = new RegExp(`\\b${lastCode()}\\b`);
    expect(JSON.stringify(rows)).not.toMatch(theCode);
    const audit = await t.ctx.db.selectFrom('audit_log').select('detail').execute();
    expect(JSON.stringify(audit)).not.toMatch(theCode);
  });

  it('answers a blank, a wrong and an expired code with distinct errors', async () => {
    const { client } = await signIn();
    const code = lastCode();
    const blank = await client.post('/api/auth/code', { code: '' });
    expect(blank.json().error).toMatchObject({
      code: 'code_blank',
      message: 'Enter the code from the e-mail.',
    });
    const wrong = await client.post('/api/auth/code', { code: code === '000000' ? '000001' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'code_invalid', attemptsLeft: 9 });
    t.clock.advance(5 * MINUTE);
    const expired = await client.post('/api/auth/code', { code });
    expect(expired.json().error).toMatchObject({
      code: 'code_expired',
      message: 'This code has expired. Use Resend to get a new one.',
    });
  });

  it('accepts the code until just before 5 minutes and not from 5 minutes on', async () => {
    const { client } = await signIn();
    t.clock.advance(5 * MINUTE - 1);
    expect((await client.post('/api/auth/code', { code: lastCode() })).json()).toMatchObject({
      step: 'signed-in',
    });
    const again = await signIn();
    t.clock.advance(5 * MINUTE);
    expect((await again.client.post('/api/auth/code', { code: lastCode() })).json().error.code).toBe(
      'code_expired',
    );
  });

  it('voids the code after 10 wrong codes, so even the right one then needs Resend', async () => {
    const { client } = await signIn();
    const code = lastCode();
    const wrongCode = code === '000000' ? '000001' : '000000';
    const left: number[] = [];
    while (left.length < 10) {
      const answer = await client.post('/api/auth/code', { code: wrongCode });
      const error = answer.json().error;
      // Wrong codes also slow the account down (after 4 free ones); wait as the answer says.
      if (error.code === 'too_many_attempts') {
        t.clock.advance(error.retryAfterSeconds * 1000);
        continue;
      }
      expect(error.code).toBe('code_invalid');
      left.push(error.attemptsLeft);
    }
    expect(left).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    // At once, not after the wrong-code delay: only Resend can help now.
    const right = await client.post('/api/auth/code', { code });
    expect(right.json().error).toMatchObject({ code: 'code_expired' });
    t.clock.advance(60_000);
    expect((await client.post('/api/auth/resend')).json()).toEqual({ sent: true });
    expect((await client.post('/api/auth/code', { code: lastCode() })).json()).toMatchObject({
      step: 'signed-in',
    });
  });

  it('lets a code sign in once only, even when two requests race with it', async () => {
    const { client } = await signIn();
    const code = lastCode();
    const answers = await Promise.all([
      client.post('/api/auth/code', { code }),
      client.post('/api/auth/code', { code }),
    ]);
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    // The next sign-in sends a new code; the used one no longer works.
    const next = await signIn();
    expect((await next.client.post('/api/auth/code', { code })).json().error.code).toMatch(
      /code_invalid|code_used/,
    );
    expect(lastCode()).not.toBe('');
  });

  it('keeps the code usable and the wrong-code count as it was when a sign-in cannot be recorded', async () => {
    const { client } = await signIn();
    const code = lastCode();
    const wrong = code === '000000' ? '111111' : '000000';
    await client.post('/api/auth/code', { code: wrong });
    await refuseAuditOf(t, kind, 'sign_in.code_ok');
    const failed = await client.post('/api/auth/code', { code });
    expect(failed.statusCode).toBe(500);
    await allowAudit(t, kind);
    // Nothing of the failed acceptance stayed: the code is not used up, the failures not cleared.
    const user = await t.ctx.db
      .selectFrom('users')
      .select('code_failures')
      .where('username', '=', 'erin')
      .executeTakeFirstOrThrow();
    expect(user.code_failures).toBe(2);
    expect((await client.post('/api/auth/code', { code })).json()).toMatchObject({ step: 'signed-in' });
  });

  it('voids the old code on Resend, says a new e-mail was sent, and keeps a 60 s cooldown', async () => {
    const { client } = await signIn();
    const first = lastCode();
    const early = await client.post('/api/auth/resend');
    expect(early.statusCode).toBe(429);
    expect(early.json().error).toMatchObject({ code: 'resend_cooldown', retryAfterSeconds: 60 });
    expect(smtp.received).toHaveLength(1);
    t.clock.advance(60_000);
    const resent = await client.post('/api/auth/resend');
    expect(resent.json()).toEqual({ sent: true });
    expect(smtp.received).toHaveLength(2);
    const second = lastCode();
    if (second !== first) {
      expect((await client.post('/api/auth/code', { code: first })).json().error.code).toBe('code_invalid');
    }
    expect((await client.post('/api/auth/code', { code: second })).json()).toMatchObject({
      step: 'signed-in',
    });
  });

  it('keeps the challenge open after the code expires so Resend can replace it', async () => {
    const { client } = await signIn();
    t.clock.advance(6 * MINUTE);
    expect((await client.post('/api/auth/resend')).json()).toEqual({ sent: true });
    expect((await client.post('/api/auth/code', { code: lastCode() })).json()).toMatchObject({
      step: 'signed-in',
    });
  });

  it('lets a user who signed in four times still use Resend 5 times, and says how long to wait after', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await signIn()).login.json()).toMatchObject({ step: 'code', method: 'email' });
      t.clock.advance(61_000);
    }
    const { client } = await signIn();
    for (let i = 0; i < 5; i++) {
      t.clock.advance(61_000);
      expect((await client.post('/api/auth/resend')).statusCode).toBe(200);
    }
    t.clock.advance(61_000);
    const capped = await client.post('/api/auth/resend');
    expect(capped.statusCode).toBe(429);
    // The first Resend was 5 × 61 s ago; it leaves the hour in 60 min − 305 s.
    expect(capped.json().error).toMatchObject({
      code: 'resend_limit',
      retryAfterSeconds: 3295,
      message: 'Too many codes were sent in the last hour. Try again in 54 minutes 55 seconds.',
    });
    expect(smtp.received).toHaveLength(9);
    expect((await signIn()).login.json()).toMatchObject({ step: 'code', method: 'email' });
  });

  it('caps all sends at 20 an hour against mail bombing, saying how long to wait', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await signIn()).login.statusCode).toBe(200);
      t.clock.advance(1000);
    }
    const again = await signIn();
    expect(again.login.statusCode).toBe(429);
    expect(again.login.json().error).toMatchObject({ code: 'resend_limit', retryAfterSeconds: 3580 });
    expect(smtp.received).toHaveLength(20);
    t.clock.advance(3580_000);
    expect((await signIn()).login.json()).toMatchObject({ step: 'code', method: 'email' });
  });

  it('lets an admin clear the e-mail limit so a capped user gets a code at once, audited', async () => {
    const { client } = await signIn();
    for (let i = 0; i < 5; i++) {
      t.clock.advance(61_000);
      await client.post('/api/auth/resend');
    }
    t.clock.advance(61_000);
    expect((await client.post('/api/auth/resend')).json().error.code).toBe('resend_limit');
    const admin = await signInAdmin(t);
    const erin = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'erin')
      .executeTakeFirst();
    const cleared = await admin.post(`/api/admin/users/${erin?.id}/clear-email-limit`, {});
    expect(cleared.statusCode).toBe(200);
    expect((await client.post('/api/auth/resend')).json()).toEqual({ sent: true });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('event', '=', 'account.email_limit_cleared')
      .execute();
    expect(audit).toMatchObject([{ actor: 'admin', target: 'erin' }]);
    expect((await admin.post('/api/admin/users/99999/clear-email-limit', {})).statusCode).toBe(404);
    expect((await client.post(`/api/admin/users/${erin?.id}/clear-email-limit`, {})).statusCode).toBe(403);
  });

  it('retries a temporary mail failure and reports a permanent one without internals', async () => {
    smtp.rejectNext(1, 451);
    expect((await signIn()).login.json()).toMatchObject({ step: 'code' });
    expect(smtp.received).toHaveLength(1);
    smtp.rejectNext(5, 550);
    t.clock.advance(60 * MINUTE);
    const { client, login } = await signIn();
    expect(login.statusCode).toBe(503);
    expect(login.json().error).toEqual({
      code: 'mail_not_sent',
      message:
        'The e-mail with your code could not be sent. Try again in a few minutes, or ask an admin for help.',
    });
    expect(client.cookie).toBeUndefined();
    const failed = await t.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('event', '=', 'sign_in.code_send_failed')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(failed.detail ?? '{}')).toMatchObject({
      address: 'erin@example.test',
      responseCode: 550,
    });
  });

  it('refuses an e-mail user without an address instead of skipping the second factor', async () => {
    await addUser(t, 'noaddress', { twoFactorEnabled: true, method: 'email' });
    // An admin cannot blank it on the Edit user page, but a CSV import can.
    await t.ctx.db.updateTable('users').set({ email: '' }).where('username', '=', 'noaddress').execute();
    const { login } = await signIn('noaddress');
    expect(login.statusCode).toBe(409);
    expect(login.json().error.code).toBe('email_missing');
  });

  it("lets an admin choose e-mail as a user's method only when allowed and with an address", async () => {
    const admin = await signInAdmin(t);
    const id = await addUser(t, 'gus', { twoFactorEnabled: true, email: '' });
    const noAddress = await admin.patch(`/api/admin/users/${id}`, { method: 'email' });
    expect(noAddress.json().error.code).toBe('email_required');
    const changed = await admin.patch(`/api/admin/users/${id}`, {
      method: 'email',
      email: 'gus@example.test',
    });
    // Pending until a code sent to the address is typed back at the next sign-in.
    expect(changed.json()).toMatchObject({ method: 'email', twoFactorStatus: 'Pending' });
    await admin.patch('/api/admin/settings', { methods: ['totp'] });
    // With e-mail no longer allowed, the user falls back to the authenticator and must set it up.
    expect((await admin.get(`/api/admin/users/${id}`)).json()).toMatchObject({
      method: 'totp',
      twoFactorStatus: 'Pending',
    });
    const refused = await admin.patch(`/api/admin/users/${id}`, { method: 'email' });
    expect(refused.json().error.code).toBe('method_unavailable');
  });

  it('sends every user codes by e-mail when e-mail is the only method allowed', async () => {
    await addUser(t, 'tom', { twoFactorEnabled: true });
    expect((await signIn('tom')).login.json().step).toBe('setup');
    await updateSettings(t.ctx.db, { methods: ['email'] }, { at: t.clock.now(), actor: 'test' });
    const second = await signIn('tom');
    expect(second.login.json(), second.login.body).toMatchObject({ step: 'code', method: 'email' });
    expect(smtp.received.at(-1)?.to).toMatchObject({ text: 'tom@example.test' });
  });

  it('refuses Resend once the account is locked, ending the challenge', async () => {
    const { client } = await signIn();
    await t.ctx.db
      .updateTable('users')
      .set({ locked_at: t.clock.now() })
      .where('username', '=', 'erin')
      .execute();
    t.clock.advance(61_000);
    const refused = await client.post('/api/auth/resend');
    expect(refused.statusCode).toBe(423);
    expect(smtp.received).toHaveLength(1);
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });

  it('answers Resend for an authenticator user with not_email_method', async () => {
    await t.ctx.db.updateTable('users').set({ method: 'totp' }).where('username', '=', 'erin').execute();
    const { client, login } = await signIn();
    expect(login.json().step).toBe('setup');
    expect((await client.post('/api/auth/resend')).statusCode).toBe(403);
  });
});

/** Makes the database refuse one kind of audit entry, as a full disk or a lost connection would mid-write. */
async function refuseAuditOf(t: TestApp, kind: DatabaseKind, event: string): Promise<void> {
  if (kind === 'sqlite') {
    await sql
      .raw(
        `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW.event = '${event}' BEGIN SELECT RAISE(ABORT, 'refused'); END`,
      )
      .execute(t.ctx.db);
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN IF NEW.event = '${event}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    )
    .execute(t.ctx.db);
  await sql
    .raw(
      'CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()',
    )
    .execute(t.ctx.db);
}

async function allowAudit(t: TestApp, kind: DatabaseKind): Promise<void> {
  await sql
    .raw(kind === 'sqlite' ? 'DROP TRIGGER refuse_audit' : 'DROP TRIGGER refuse_audit ON audit_log')
    .execute(t.ctx.db);
}
