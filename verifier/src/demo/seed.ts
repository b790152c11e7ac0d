import type { FastifyInstance } from 'fastify';
import { base32Decode, totp } from '../../../shared/index.ts';
import type { Clock } from '../clock.ts';
import { ApiSession } from './api-session.ts';
import {
  DEMO_ADMIN_PASSWORD,
  DEMO_CUSTOM_GROUP,
  DEMO_ORGANISATION,
  DEMO_USERS,
  type DemoUser,
} from './demo-organisation.ts';

export interface SeededDemo {
  /** Setup keys (base32) of the users the demo set up, by username, for "Add manually". */
  setupKeys: Record<string, string>;
}

interface Step {
  step: string;
}

/**
 * Fills a freshly started verifier with the demo organisation through its own JSON API, as an admin
 * using the console would: the first admin password is replaced by the demo one, 2FA is turned on,
 * a custom group and the demo users are added, and the Activated user sets up 2FA.
 */
export async function seedDemo(
  app: FastifyInstance,
  firstAdminPassword: string,
  clock: Clock,
): Promise<SeededDemo> {
  const admin = new ApiSession(app);
  const first = await admin.call<Step>('POST', '/api/auth/login', {
    username: 'admin',
    password: firstAdminPassword,
  });
  if (first.step === 'change-password') {
    await admin.call('POST', '/api/auth/password', {
      currentPassword: firstAdminPassword,
      newPassword: DEMO_ADMIN_PASSWORD,
    });
  }
  await admin.call('PATCH', '/api/admin/settings', {
    twoFactorEnabled: true,
    organisationName: DEMO_ORGANISATION,
  });
  await admin.call('POST', '/api/admin/groups', { name: DEMO_CUSTOM_GROUP });
  const { items: groups } = await admin.call<{ items: { id: number; name: string }[] }>(
    'GET',
    '/api/admin/groups',
  );
  const groupId = (name: string) => {
    const group = groups.find((candidate) => candidate.name === name);
    if (!group) throw new Error(`The verifier has no group named ${name}.`);
    return group.id;
  };
  const setupKeys: Record<string, string> = {};
  for (const user of DEMO_USERS) {
    await admin.call('POST', '/api/admin/users', {
      username: user.username,
      email: `${user.username}@example.test`,
      displayName: user.displayName,
      groupId: groupId(user.group),
      source: user.source,
      ...(user.password === null ? {} : { password: user.password }),
      twoFactorEnabled: user.twoFactor !== 'Disabled',
    });
    if (user.twoFactor === 'Activated') setupKeys[user.username] = await setUpTwoFactor(app, user, clock);
  }
  await admin.call('POST', '/api/auth/logout');
  return { setupKeys };
}

/** The user's own setup: start, answer with the current code, as an authenticator would. */
async function setUpTwoFactor(app: FastifyInstance, user: DemoUser, clock: Clock): Promise<string> {
  const session = new ApiSession(app);
  await session.call('POST', '/api/auth/login', { username: user.username, password: user.password });
  const { secret } = await session.call<{ secret: string }>('POST', '/api/enrollment/start');
  const code = totp({ secret: base32Decode(secret), time: clock.now() });
  await session.call('POST', '/api/enrollment/confirm', { code });
  return secret;
}
