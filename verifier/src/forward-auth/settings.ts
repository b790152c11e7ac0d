import { DomainError } from '../domain-error.ts';
import { type AppRule, parseAppRules } from './app-rules.ts';
import { type DomainPattern, hostAllowed, isHostName, parseDomainPatterns } from './return-target.ts';

/** What forward-auth needs from the configuration, checked once at start. */
export interface ForwardAuthSettings {
  /** `FORWARD_AUTH_DOMAINS`: the applications' hosts, and the only places a return target may lead. */
  domains: readonly DomainPattern[];
  /** `FORWARD_AUTH_RULES`: which groups may enter which application (none: every full session). */
  rules: readonly AppRule[];
  /** `FORWARD_AUTH_SIGN_IN_URL`: the verifier's sign-in page as browsers reach it. */
  signInUrl: string;
}

export interface ForwardAuthEnv {
  FORWARD_AUTH_DOMAINS?: string;
  FORWARD_AUTH_RULES?: string;
  FORWARD_AUTH_SIGN_IN_URL?: string;
}

const invalid = (message: string) => new DomainError('invalid', 'forward_auth_config', message);

/** Runs a parser of one variable's value, naming the variable in its refusal. */
function named<T>(variable: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof DomainError) throw invalid(`${variable}: ${error.message}`);
    throw error;
  }
}

/** Undefined when FORWARD_AUTH_DOMAINS is unset (forward-auth off); refuses anything half set. */
export function parseForwardAuth(env: ForwardAuthEnv): ForwardAuthSettings | undefined {
  const { FORWARD_AUTH_DOMAINS: domainsText, FORWARD_AUTH_RULES: rulesText } = env;
  const signIn = env.FORWARD_AUTH_SIGN_IN_URL;
  if (!domainsText) {
    if (rulesText || signIn) {
      throw invalid('FORWARD_AUTH_RULES and FORWARD_AUTH_SIGN_IN_URL need FORWARD_AUTH_DOMAINS.');
    }
    return undefined;
  }
  const domains = named('FORWARD_AUTH_DOMAINS', () => parseDomainPatterns(domainsText));
  const rules = named('FORWARD_AUTH_RULES', () => parseAppRules(rulesText ?? ''));
  for (const rule of rules) {
    if (!hostAllowed(rule.app.host, domains) && !domains.some((d) => d.host === rule.app.host)) {
      throw invalid(`FORWARD_AUTH_RULES names ${rule.app.host}, which FORWARD_AUTH_DOMAINS does not cover.`);
    }
  }
  let url: URL | undefined;
  try {
    url = signIn ? new URL(signIn) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
    throw invalid(
      "FORWARD_AUTH_SIGN_IN_URL must be the address of the verifier's sign-in page, e.g. https://auth.example.com/sign-in.",
    );
  }
  return { domains, rules, signInUrl: url.href };
}

/** `COOKIE_DOMAIN`: the parent domain the session cookie is set for, so one sign-in covers its apps. */
export function parseCookieDomain(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const host = value.trim().toLowerCase().replace(/^\./, '');
  if (!isHostName(host) || !host.includes('.')) {
    throw invalid(`COOKIE_DOMAIN must be a parent domain such as example.com, got "${value}".`);
  }
  return host;
}
