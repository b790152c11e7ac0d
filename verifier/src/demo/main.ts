import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { buildApp } from '../app.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { randomPassword } from '../crypto/tokens.ts';
import { prepareRuntime } from '../setup.ts';
import { DEMO_ADMIN_PASSWORD, DEMO_ORGANISATION, DEMO_USERS } from './demo-organisation.ts';
import { seedDemo } from './seed.ts';

// `npm run demo`: a verifier with a demo organisation on a temporary SQLite database (removed on
// exit, so every run starts the same), next to the extension that `npm run build` has just built.

const dataDir = await mkdtemp(join(tmpdir(), 'verifier-demo-'));
const config = loadConfig({ ...process.env, VERIFIER_DATA_DIR: dataDir, DATABASE_URL: '' });
const firstPassword = randomPassword();
const runtime = await prepareRuntime({ ...config, adminPassword: firstPassword }, systemClock);
const app = await buildApp(runtime.ctx, { webRoot: config.webRoot });

async function stop(): Promise<void> {
  await app.close();
  await runtime.handle.close();
  await rm(dataDir, { recursive: true, force: true });
}

try {
  const { setupKeys } = await seedDemo(app, firstPassword, systemClock);
  await app.listen({ host: config.host, port: config.port });
  const url = `http://${config.host}:${config.port}/`;
  const folder = (target: string) => relative(process.cwd(), resolve('dist', target)) || '.';
  const width = Math.max(...DEMO_USERS.map((user) => user.username.length));
  const users = DEMO_USERS.map(
    (user) =>
      `  ${user.username.padEnd(width)}  ${(user.password ?? '(no password)').padEnd(26)} ${user.group}, 2FA ${user.twoFactor}: ${user.shows}` +
      (setupKeys[user.username] ? `\n  ${' '.repeat(width)}  setup key ${setupKeys[user.username]}` : ''),
  );
  process.stdout.write(
    [
      '',
      `Demo verifier for "${DEMO_ORGANISATION}" running at ${url}`,
      '',
      `Sign in as admin with the password "${DEMO_ADMIN_PASSWORD}" (Admin console: users, groups, settings).`,
      'Demo users (username, password, group and what each one shows):',
      ...users,
      '',
      'Load the extension unpacked:',
      `  Chrome:  chrome://extensions, turn on Developer mode, Load unpacked, choose ${folder('chrome')}`,
      `  Firefox: about:debugging#/runtime/this-firefox, Load Temporary Add-on, choose ${folder('firefox')}/manifest.json`,
      '',
      `Then sign in as agent at ${url}sign-in, follow the banner to the QR code and scan it with the extension.`,
      'The database is temporary: Ctrl+C stops the demo and deletes it.',
      '',
    ].join('\n'),
  );
} catch (error) {
  await stop();
  throw error;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
