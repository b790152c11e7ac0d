import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addUser,
  Client,
  codeFor,
  createTestApp,
  enableSystemTwoFactor,
  enroll,
  PASSWORD,
  type TestApp,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const STEP = 30_000;

describe.each(databaseKinds())('drift, window and replay on %s', (kind) => {
  let t: TestApp;
  let secret: string;
  beforeEach(async () => {
    t = await createTestApp(kind);
    await enableSystemTwoFactor(t);
    await addUser(t, 'dana', { twoFactorEnabled: true });
    secret = await enroll(t, 'dana');
    // Far enough from the enrollment step that earlier codes are not replays of it.
    t.clock.advance(10 * STEP);
  });
  afterEach(async () => {
    await t.close();
  });

  /** Signs in with the code a device whose clock is `offsetMs` off would show now. */
  async function signInWithDevice(offsetMs: number) {
    const client = new Client(t.app);
    await client.post('/api/auth/login', { username: 'dana', password: PASSWORD });
    return client.post('/api/auth/code', { code: codeFor(secret, t.clock.now() + offsetMs) });
  }

  /** Forgets learned drift, so each edge is measured from the true time. */
  async function forgetDrift() {
    await t.ctx.db.updateTable('credentials').set({ drift: 0 }).execute();
  }

  async function setWindow(verificationWindow: number) {
    await t.ctx.db.updateTable('settings').set({ verification_window: verificationWindow }).execute();
  }

  it('accepts codes one step early or late with the default window, and refuses two steps', async () => {
    expect((await signInWithDevice(-STEP)).statusCode).toBe(200);
    await forgetDrift();
    t.clock.advance(STEP * 3);
    expect((await signInWithDevice(STEP)).statusCode).toBe(200);
    await forgetDrift();
    t.clock.advance(STEP * 3);
    expect((await signInWithDevice(-2 * STEP)).json().error?.code).toBe('code_invalid');
    expect((await signInWithDevice(2 * STEP)).json().error?.code).toBe('code_invalid');
  });

  it('widens acceptance to the configured window and no further', async () => {
    await setWindow(3);
    expect((await signInWithDevice(-3 * STEP)).statusCode).toBe(200);
    await forgetDrift();
    t.clock.advance(STEP * 10);
    expect((await signInWithDevice(-4 * STEP)).json().error?.code).toBe('code_invalid');
    await setWindow(0);
    t.clock.advance(STEP * 10);
    expect((await signInWithDevice(-STEP)).json().error?.code).toBe('code_invalid');
    expect((await signInWithDevice(0)).statusCode).toBe(200);
  });

  it('keeps working for a device whose clock slowly falls two minutes behind', async () => {
    // A fresh device two minutes (four steps) late is outside the ±1 window...
    expect((await signInWithDevice(-4 * STEP)).json().error?.code).toBe('code_invalid');
    // ...but one that drifts there is followed step by step, because drift is learned from matches.
    for (let late = 1; late <= 4; late++) {
      t.clock.advance(10 * STEP);
      const answer = await signInWithDevice(-late * STEP);
      expect(answer.statusCode, `device ${late} steps late`).toBe(200);
    }
    const credential = await t.ctx.db.selectFrom('credentials').select('drift').executeTakeFirstOrThrow();
    expect(credential.drift).toBe(-4);
    t.clock.advance(10 * STEP);
    expect((await signInWithDevice(-4 * STEP)).statusCode).toBe(200);
    // The window now sits around the learned drift: the true time is three steps away and refused.
    t.clock.advance(10 * STEP);
    expect((await signInWithDevice(0)).json().error?.code).toBe('code_invalid');
  });

  it('refuses a code older than the last accepted one even inside the window', async () => {
    expect((await signInWithDevice(0)).statusCode).toBe(200);
    expect((await signInWithDevice(-STEP)).json().error?.code).toBe('code_used');
  });

  it('accepts exactly one of many simultaneous sign-ins with the same code', async () => {
    // Signed in one after another: parallel password attempts would meet the per-account delay.
    const clients: Client[] = [];
    for (let i = 0; i < 8; i++) {
      const client = new Client(t.app);
      await client.post('/api/auth/login', { username: 'dana', password: PASSWORD });
      clients.push(client);
    }
    const code = codeFor(secret, t.clock.now());
    const answers = await Promise.all(clients.map((c) => c.post('/api/auth/code', { code })));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    // The others are refused as used, or held back by the per-account delay before their code was read.
    const refused = answers.filter((a) => a.statusCode !== 200).map((a) => a.json().error?.code);
    expect(refused).toHaveLength(7);
    expect(refused.filter((code) => code !== 'code_used' && code !== 'too_many_attempts')).toEqual([]);
  });
});
