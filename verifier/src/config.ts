import { join, resolve } from 'node:path';
import type { DatabaseTarget } from './db/connect.ts';
import { DomainError } from './domain-error.ts';
import { type ForwardAuthSettings, parseCookieDomain, parseForwardAuth } from './forward-auth/settings.ts';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  database: DatabaseTarget;
  /** Comma-separated 32-byte keys (base64 or hex); the first encrypts, all decrypt. */
  masterKeys: string | undefined;
  /**
   * Where the keys are kept when `masterKeys` is unset: `VERIFIER_MASTER_KEY_FILE`, else
   * `<dataDir>/master.key`. Kept elsewhere, a copy of the data folder alone opens no secret.
   */
  masterKeyFile: string;
  adminPassword: string | undefined;
  cookieSecure: boolean;
  /** `COOKIE_DOMAIN`: the session cookie is set for this parent domain, so one sign-in covers its apps. */
  cookieDomain: string | undefined;
  /** Forward-auth for a reverse proxy (`FORWARD_AUTH_*`); undefined: off. */
  forwardAuth: ForwardAuthSettings | undefined;
  /**
   * Behind load balancers: the proxies whose X-Forwarded-For says who the client is (false: none).
   * The address feeds the per-address delay and the audit log.
   */
  trustProxy: false | string[];
  logLevel: string;
  webRoot: string;
  /** `SMTP_URL` and `MAIL_FROM`; without SMTP_URL, e-mails are written to `<dataDir>/outbox`. */
  mail: { SMTP_URL: string | undefined; MAIL_FROM: string | undefined };
  /** Bearer token for GET /metrics; unset, the verifier serves no metrics. */
  metricsToken: string | undefined;
  /**
   * `PUBLIC_URL`: the address users open the verifier at, for links sent by e-mail (invitations).
   * Never taken from a request's Host header, which the sender of the request chooses. Unset: no
   * invitations can be sent.
   */
  publicUrl: string | undefined;
  /** `OIDC_PROVIDER=true`: the OpenID Connect provider at `${PUBLIC_URL}/oidc` (its issuer); undefined: off. */
  oidcIssuer: string | undefined;
}

/** Thrown for a bad environment value; the message names the variable and what is expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 8787;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 1 to 65535, got "${value}".`);
  }
  return port;
}

function parseBoolean(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(`${name} must be "true" or "false", got "${value}".`);
}

/**
 * `TRUST_PROXY`: the addresses or CIDR ranges of the proxies in front of the verifier, comma-separated
 * (`loopback`, `linklocal` and `uniquelocal` name the usual private ranges). "true" is refused:
 * trusting every hop would take any address a client writes in X-Forwarded-For, dodging the
 * per-address delay and forging the audit log.
 */
function parseTrustProxy(value: string | undefined): false | string[] {
  if (value === undefined || value === '' || value === 'false') return false;
  const addresses = value.split(',').map((part) => part.trim());
  const named = ['loopback', 'linklocal', 'uniquelocal'];
  const valid = (part: string) =>
    named.includes(part) || /^[0-9a-fA-F:.]*[:.][0-9a-fA-F:.]*(\/\d{1,3})?$/.test(part);
  if (addresses.every(valid)) return addresses;
  throw new ConfigError(
    `TRUST_PROXY must list the addresses of the proxies in front of the verifier (e.g. 10.0.0.5 or 10.0.0.0/8, comma-separated), got "${value}".`,
  );
}

function parseDatabase(url: string | undefined, dataDir: string): DatabaseTarget {
  if (url === undefined || url === '') return { kind: 'sqlite', file: join(dataDir, 'verifier.db') };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  throw new ConfigError(
    'DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for SQLite).',
  );
}

const publicUrlRefused = (value: string) =>
  new ConfigError(
    `PUBLIC_URL must be the http:// or https:// address users open the verifier at (e.g. https://2fa.example.com), without user name, query or #fragment, got "${value}".`,
  );

/** `PUBLIC_URL`, kept without its trailing slash so links are `${publicUrl}/invitation`. */
function parsePublicUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw publicUrlRefused(value);
  }
  const plain = url.username === '' && url.password === '' && url.search === '' && url.hash === '';
  if (!['http:', 'https:'].includes(url.protocol) || !plain || /[?#]/.test(value))
    throw publicUrlRefused(value);
  return url.href.replace(/\/+$/, '');
}

/** The issuer is the verifier's public address: tokens name it, so it never comes from a request. */
function parseOidcIssuer(value: string | undefined, publicUrl: string | undefined): string | undefined {
  if (!parseBoolean('OIDC_PROVIDER', value)) return undefined;
  if (publicUrl === undefined) {
    throw new ConfigError('OIDC_PROVIDER=true needs PUBLIC_URL: the issuer is PUBLIC_URL/oidc.');
  }
  return `${publicUrl}/oidc`;
}

/** The forward-auth rules refuse with DomainError; at start that is a configuration error. */
function asConfigError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DomainError) throw new ConfigError(error.message);
    throw error;
  }
}

/** Reads and checks the environment once at start; a bad value stops the server with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.VERIFIER_DATA_DIR || 'data');
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}".`);
  }
  const adminPassword = env.VERIFIER_ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 12) {
    throw new ConfigError('VERIFIER_ADMIN_PASSWORD must be at least 12 characters long.');
  }
  if (env.VERIFIER_MASTER_KEY && env.VERIFIER_MASTER_KEY_FILE) {
    throw new ConfigError('Set VERIFIER_MASTER_KEY or VERIFIER_MASTER_KEY_FILE, not both.');
  }
  const metricsToken = env.METRICS_TOKEN || undefined;
  // The token is the endpoint's only guard: short enough to guess, it guards nothing.
  if (metricsToken !== undefined && metricsToken.length < 16) {
    throw new ConfigError('METRICS_TOKEN must be at least 16 characters long.');
  }
  return {
    host: env.HOST || '127.0.0.1',
    port: parsePort(env.PORT),
    dataDir,
    database: parseDatabase(env.DATABASE_URL, dataDir),
    masterKeys: env.VERIFIER_MASTER_KEY || undefined,
    masterKeyFile: resolve(env.VERIFIER_MASTER_KEY_FILE || join(dataDir, 'master.key')),
    adminPassword,
    cookieSecure: parseBoolean('COOKIE_SECURE', env.COOKIE_SECURE),
    cookieDomain: asConfigError(() => parseCookieDomain(env.COOKIE_DOMAIN)),
    forwardAuth: asConfigError(() => parseForwardAuth(env)),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    logLevel,
    webRoot: resolve(env.VERIFIER_WEB_ROOT || join('dist', 'web')),
    mail: { SMTP_URL: env.SMTP_URL || undefined, MAIL_FROM: env.MAIL_FROM || undefined },
    metricsToken,
    publicUrl: parsePublicUrl(env.PUBLIC_URL),
    oidcIssuer: parseOidcIssuer(env.OIDC_PROVIDER, parsePublicUrl(env.PUBLIC_URL)),
  };
}
