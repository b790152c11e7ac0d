import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { base32Decode, totp } from '../../shared/index.ts';
import { bootstrap } from '../src/accounts/bootstrap.ts';
import { findGroupByName } from '../src/accounts/groups.ts';
import { createUser, type UserFields } from '../src/accounts/user-admin.ts';
import { type AppOptions, buildApp } from '../src/app.ts';
import { SecretBox } from '../src/crypto/secret-box.ts';
import type { DatabaseHandle } from '../src/db/connect.ts';
import type { ForwardAuthSettings } from '../src/forward-auth/settings.ts';
import type { AppContext } from '../src/http/context.ts';
import { createOutboxMailer, type Mailer } from '../src/mail/index.ts';
import { updateSettings } from '../src/settings/settings.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './test-database.ts';

/** A clock the test moves by hand. Starts 10 s into a 30 s step so ±1 step edges are easy to reach. */
export class TestClock {
  constructor(public time = Date.UTC(2026, 0, 15, 9, 0, 10)) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export const ADMIN_PASSWORD = 'first admin password';
export const PASSWORD = 'correct horse battery';
/** The PUBLIC_URL the test apps are configured with. */
export const PUBLIC_URL = 'https://2fa.example.test';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: TestClock;
  database: TestDatabase;
  handle: DatabaseHandle;
  /** A second app on the same database, as a second verifier process would be. */
  sibling(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Where e-mailed codes go; by default .eml files in a temporary outbox folder. */
  mailer?: Mailer;
  /** Fastify logger options, to read what the server logs. */
  logger?: AppOptions['logger'];
  /** Serves GET /metrics to this bearer token. */
  metricsToken?: string;
  /** Forward-auth for a reverse proxy (FORWARD_AUTH_* as the configuration reads them). */
  forwardAuth?: ForwardAuthSettings;
  /** COOKIE_DOMAIN: the parent domain of the session cookie. */
  cookieDomain?: string;
  /** Secure cookies as over HTTPS (COOKIE_SECURE=true). */
  cookieSecure?: boolean;
  /** The OpenID Connect provider's issuer (OIDC_PROVIDER=true); unset, no provider. */
  oidcIssuer?: string;
}

export async function createTestApp(kind: DatabaseKind, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const handle = await database.open();
  const clock = new TestClock();
  const box = new SecretBox([randomBytes(32)]);
  const outbox = mkdtempSync(join(tmpdir(), 'verifier-outbox-'));
  const mailer =
    options.mailer ?? createOutboxMailer({ from: 'Verifier <no-reply@example.test>', directory: outbox });
  const ctx: AppContext = {
    db: handle.db,
    dialect: handle.dialect,
    box,
    clock,
    cookieSecure: options.cookieSecure ?? false,
    ...(options.cookieDomain ? { cookieDomain: options.cookieDomain } : {}),
    ...(options.forwardAuth ? { forwardAuth: options.forwardAuth } : {}),
    mailer,
    emailCodeKey: box.deriveKey('email-codes'),
    deviceTokenKey: box.deriveKey('device-tokens'),
    publicUrl: PUBLIC_URL,
    ...(options.oidcIssuer ? { oidcIssuer: options.oidcIssuer } : {}),
  };
  await bootstrap(handle.db, clock.now(), ADMIN_PASSWORD);
  const app = await buildApp(ctx, { logger: options.logger, metricsToken: options.metricsToken });
  const extra: Array<{ app: FastifyInstance; handle: DatabaseHandle }> = [];
  return {
    app,
    ctx,
    clock,
    database,
    handle,
    async sibling() {
      const second = await database.open();
      const siblingApp = await buildApp({ ...ctx, db: second.db });
      extra.push({ app: siblingApp, handle: second });
      return siblingApp;
    },
    async close() {
      for (const e of extra) {
        await e.app.close();
        await e.handle.close();
      }
      await app.close();
      await mailer.close();
      await handle.close();
      await database.drop();
      rmSync(outbox, { recursive: true, force: true });
    },
  };
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on writes. */
export class Client {
  csrf: string | undefined;
  /** Every cookie the server set and has not cleared (the session, the device token). */
  readonly jar = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  /** The session cookie's value. */
  get cookie(): string | undefined {
    return this.jar.get('sid');
  }
  set cookie(value: string | undefined) {
    if (value === undefined) this.jar.delete('sid');
    else this.jar.set('sid', value);
  }

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const all: Record<string, string> = { ...headers };
    const cookies = [...this.jar].map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
    if (cookies.length > 0 && !('cookie' in headers)) all.cookie = cookies.join('; ');
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in headers)) all['x-csrf-token'] = this.csrf;
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      headers: all,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    this.remember(response);
    return response;
  }

  private remember(response: LightMyRequestResponse) {
    for (const { name, value } of response.cookies) {
      if (value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const json = response.headers['content-type']?.toString().includes('json')
      ? safeJson(response.body)
      : undefined;
    if (json && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
  delete = (url: string) => this.request('DELETE', url);
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export async function addUser(
  t: TestApp,
  username: string,
  fields: UserFields & { group?: string } = {},
): Promise<number> {
  const group = await findGroupByName(t.ctx.db, fields.group ?? 'Agent');
  const user = await createUser(
    t.ctx.db,
    {
      username,
      email: `${username}@example.test`,
      displayName: username,
      groupId: group?.id ?? 0,
      source: fields.source ?? 'local',
      password: fields.password ?? PASSWORD,
      twoFactorEnabled: fields.twoFactorEnabled,
      ...(fields.method ? { method: fields.method } : {}),
      ...(fields.email !== undefined ? { email: fields.email } : {}),
    },
    t.clock.now(),
  );
  return user.id;
}

export async function enableSystemTwoFactor(t: TestApp): Promise<void> {
  await updateSettings(t.ctx.db, { twoFactorEnabled: true }, { at: t.clock.now(), actor: 'test' });
}

/** Current code for a base32 secret at `time`. */
export function codeFor(secret: string, time: number): string {
  return totp({ secret: base32Decode(secret), time });
}

/** Signs in a Pending user and completes enrollment through the API; returns the base32 secret. */
export async function enroll(t: TestApp, username: string, password = PASSWORD): Promise<string> {
  const client = new Client(t.app);
  const login = await client.post('/api/auth/login', { username, password });
  if (login.json().step !== 'setup') throw new Error(`expected setup step, got ${login.body}`);
  const start = await client.post('/api/enrollment/start');
  const { secret } = start.json() as { secret: string };
  const confirm = await client.post('/api/enrollment/confirm', { code: codeFor(secret, t.clock.now()) });
  if (confirm.statusCode !== 200) throw new Error(`enrollment failed: ${confirm.body}`);
  return secret;
}

/** Signs the built-in admin in with a full session (password already changed). */
export async function signInAdmin(t: TestApp): Promise<Client> {
  await t.ctx.db
    .updateTable('users')
    .set({ must_change_password: 0 })
    .where('username', '=', 'admin')
    .execute();
  const client = new Client(t.app);
  const login = await client.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  if (login.json().step !== 'signed-in') throw new Error(`admin sign-in failed: ${login.body}`);
  return client;
}

/** A well-formed code that matches none of the steps around `time` (deterministic, never flaky). */
export function wrongCode(secret: string, time: number): string {
  const near = new Set([-3, -2, -1, 0, 1, 2, 3].map((s) => codeFor(secret, time + s * 30_000)));
  const pick = ['000000', '111111', '222222', '333333', '444444', '555555', '666666', '777777'].find(
    (c) => !near.has(c),
  );
  return pick as string;
}
