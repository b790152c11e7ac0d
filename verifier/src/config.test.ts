import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('listens on 127.0.0.1:8787 with SQLite under data/ by default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8787, cookieSecure: false });
    expect(config.database).toMatchObject({ kind: 'sqlite' });
    expect(config.database.kind === 'sqlite' && config.database.file.endsWith('data/verifier.db')).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is a postgres URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h/db',
    });
  });

  it.each([
    [{ PORT: '80a' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ COOKIE_SECURE: 'yes' }, /COOKIE_SECURE must be "true" or "false"/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ VERIFIER_ADMIN_PASSWORD: 'short' }, /at least 12 characters/],
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY must list the addresses of the proxies/],
    [{ TRUST_PROXY: '2' }, /TRUST_PROXY must list the addresses of the proxies/],
    [
      { VERIFIER_MASTER_KEY: 'ab'.repeat(32), VERIFIER_MASTER_KEY_FILE: '/etc/verifier/master.key' },
      /Set VERIFIER_MASTER_KEY or VERIFIER_MASTER_KEY_FILE, not both/,
    ],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN must be at least 16 characters/],
    [{ COOKIE_DOMAIN: 'localhost' }, /COOKIE_DOMAIN must be a parent domain/],
    [{ COOKIE_DOMAIN: 'example.com/x' }, /COOKIE_DOMAIN must be a parent domain/],
    [
      { FORWARD_AUTH_DOMAINS: 'a.example.com', FORWARD_AUTH_SIGN_IN_URL: '' },
      /FORWARD_AUTH_SIGN_IN_URL must be/,
    ],
    [
      {
        FORWARD_AUTH_DOMAINS: 'a.example.com,bad host',
        FORWARD_AUTH_SIGN_IN_URL: 'https://auth.example.com/sign-in',
      },
      /FORWARD_AUTH_DOMAINS: "bad host" is not a host name/,
    ],
    [
      {
        FORWARD_AUTH_DOMAINS: 'a.example.com',
        FORWARD_AUTH_SIGN_IN_URL: 'https://auth.example.com/sign-in',
        FORWARD_AUTH_RULES: 'b.example.com=Admin',
      },
      /FORWARD_AUTH_RULES names b.example.com, which FORWARD_AUTH_DOMAINS does not cover/,
    ],
    [{ FORWARD_AUTH_RULES: 'a.example.com=Admin' }, /need FORWARD_AUTH_DOMAINS/],
  ])('stops with a message naming the bad value %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads the forward-auth domains, rules, sign-in page and cookie domain', () => {
    const config = loadConfig({
      COOKIE_DOMAIN: '.Example.com',
      FORWARD_AUTH_DOMAINS: 'grafana.example.com, *.apps.example.com',
      FORWARD_AUTH_RULES: 'grafana.example.com=Admin|Agent',
      FORWARD_AUTH_SIGN_IN_URL: 'https://auth.example.com/sign-in',
    });
    expect(config.cookieDomain).toBe('example.com');
    expect(config.forwardAuth).toEqual({
      domains: [
        { host: 'grafana.example.com', subdomains: false },
        { host: 'apps.example.com', subdomains: true },
      ],
      rules: [{ app: { host: 'grafana.example.com', subdomains: false }, groups: ['admin', 'agent'] }],
      signInUrl: 'https://auth.example.com/sign-in',
    });
    expect(loadConfig({}).forwardAuth).toBeUndefined();
  });

  it('keeps the master key in the data folder unless VERIFIER_MASTER_KEY_FILE names another file', () => {
    expect(loadConfig({ VERIFIER_DATA_DIR: '/srv/verifier' }).masterKeyFile).toBe('/srv/verifier/master.key');
    const elsewhere = loadConfig({ VERIFIER_MASTER_KEY_FILE: '/etc/verifier/master.key' });
    expect(elsewhere.masterKeyFile).toBe('/etc/verifier/master.key');
    expect(loadConfig({ VERIFIER_MASTER_KEY_FILE: 'keys/master.key' }).masterKeyFile).toBe(
      resolve('keys/master.key'),
    );
  });

  it('trusts X-Forwarded-For only from the proxies it names', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'loopback',
    ]);
  });

  it('serves metrics only when METRICS_TOKEN is set', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'a-long-random-metrics-token' }).metricsToken).toBe(
      'a-long-random-metrics-token',
    );
  });

  it('accepts every valid port and rejects everything else', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 65535 }),
        (port) => loadConfig({ PORT: String(port) }).port === port,
      ),
    );
    fc.assert(
      fc.property(
        fc.string().filter((s) => s !== '' && !/^\d+$/.test(s)),
        (text) => {
          expect(() => loadConfig({ PORT: text })).toThrow(ConfigError);
        },
      ),
    );
  });
});

describe('PUBLIC_URL', () => {
  it('is unset by default, so nothing builds links from a Host header', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
  });

  it('keeps an http(s) address with an optional path, without the trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://2fa.example.com/' }).publicUrl).toBe('https://2fa.example.com');
    expect(loadConfig({ PUBLIC_URL: 'https://example.com/verifier' }).publicUrl).toBe(
      'https://example.com/verifier',
    );
  });

  it.each([
    'example.com',
    'ftp://example.com',
    'https://example.com/?a=1',
    'https://example.com/#x',
    'https://user:pw@example.com',
  ])('refuses %s at start, naming the variable', (value) => {
    expect(() => loadConfig({ PUBLIC_URL: value })).toThrow(/PUBLIC_URL must be/);
  });
});

describe('OIDC_PROVIDER', () => {
  it('puts the issuer under PUBLIC_URL, and is off unless asked for', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://2fa.example.com/', OIDC_PROVIDER: 'true' }).oidcIssuer).toBe(
      'https://2fa.example.com/oidc',
    );
    expect(loadConfig({ PUBLIC_URL: 'https://2fa.example.com' }).oidcIssuer).toBeUndefined();
  });

  it('refuses to start without PUBLIC_URL, which tokens name as their issuer', () => {
    expect(() => loadConfig({ OIDC_PROVIDER: 'true' })).toThrow(/OIDC_PROVIDER=true needs PUBLIC_URL/);
    expect(() => loadConfig({ OIDC_PROVIDER: 'yes' })).toThrow(/OIDC_PROVIDER must be "true" or "false"/);
  });
});
