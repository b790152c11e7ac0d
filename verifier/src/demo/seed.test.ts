import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totp } from '../../../shared/index.ts';
import { buildApp } from '../app.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { prepareRuntime, type Runtime } from '../setup.ts';
import { ApiSession } from './api-session.ts';
import { DEMO_ADMIN_PASSWORD, DEMO_ORGANISATION, DEMO_USERS } from './demo-organisation.ts';
import { type SeededDemo, seedDemo } from './seed.ts';

const FIRST_PASSWORD = 'first admin password';

describe('the demo organisation', () => {
  let dataDir: string;
  let runtime: Runtime;
  let app: FastifyInstance;
  let seeded: SeededDemo;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'verifier-demo-test-'));
    const config = loadConfig({ VERIFIER_DATA_DIR: dataDir, VERIFIER_ADMIN_PASSWORD: FIRST_PASSWORD });
    runtime = await prepareRuntime(config, systemClock);
    app = await buildApp(runtime.ctx);
    seeded = await seedDemo(app, FIRST_PASSWORD, systemClock);
  });

  afterAll(async () => {
    await app?.close();
    await runtime?.handle.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('lets the admin sign in straight away with the printed demo password, with 2FA on for the organisation', async () => {
    const admin = new ApiSession(app);
    const answer = await admin.call<{ step: string }>('POST', '/api/auth/login', {
      username: 'admin',
      password: DEMO_ADMIN_PASSWORD,
    });
    expect(answer.step).toBe('signed-in');
    const settings = await admin.call<{ twoFactorEnabled: boolean; organisationName: string }>(
      'GET',
      '/api/admin/settings',
    );
    expect(settings).toMatchObject({ twoFactorEnabled: true, organisationName: DEMO_ORGANISATION });
  });

  it('gives each demo user the group and 2FA status the demo prints', async () => {
    const admin = new ApiSession(app);
    await admin.call('POST', '/api/auth/login', { username: 'admin', password: DEMO_ADMIN_PASSWORD });
    const { items } = await admin.call<{
      items: { username: string; group: { name: string }; twoFactorStatus: string }[];
    }>('GET', '/api/admin/users?pageSize=100');
    for (const user of DEMO_USERS) {
      const shown = items.find((item) => item.username === user.username);
      expect(shown, user.username).toMatchObject({
        group: { name: user.group },
        twoFactorStatus: user.twoFactor,
      });
    }
  });

  it('sends the Pending agent to setup and asks the Activated supervisor for a code that the printed key makes', async () => {
    const agent = new ApiSession(app);
    const pending = await agent.call<{ step: string }>('POST', '/api/auth/login', {
      username: 'agent',
      password: 'demo agent password',
    });
    expect(pending.step).toBe('setup');

    const supervisor = new ApiSession(app);
    const challenged = await supervisor.call<{ step: string }>('POST', '/api/auth/login', {
      username: 'supervisor',
      password: 'demo supervisor password',
    });
    expect(challenged.step).toBe('code');
    const key = seeded.setupKeys.supervisor ?? '';
    // The setup used the current step; the next one signs in.
    const next = totp({ secret: base32Decode(key), time: Date.now() + 30_000 });
    const signedIn = await supervisor.call<{ step: string }>('POST', '/api/auth/code', { code: next });
    expect(signedIn.step).toBe('signed-in');
  });
});
