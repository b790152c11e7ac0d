import { DomainError } from '../domain-error.ts';

/**
 * The protected domains (`FORWARD_AUTH_DOMAINS`) and the one check every return target passes
 * before the verifier sends a browser there: no open redirect. Pure: no request, no database.
 */
export interface DomainPattern {
  /** Lower-case host name, without the `*.` of a wildcard. */
  host: string;
  /** `*.example.com`: any subdomain of example.com, not example.com itself. */
  subdomains: boolean;
}

/** Longer addresses are refused: no application needs them and they only hide tricks. */
export const MAX_RETURN_TARGET_LENGTH = 2048;

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A DNS host name: letter-digit-hyphen labels, no trailing dot, no port, at most 253 characters. */
export function isHostName(host: string): boolean {
  return host.length <= 253 && host.split('.').every((label) => LABEL.test(label));
}

/** `a.example.com, *.example.com` → patterns; a bad entry is refused with its text. */
export function parseDomainPatterns(text: string): DomainPattern[] {
  const entries = text.split(',').map((entry) => entry.trim().toLowerCase());
  return entries.map((entry) => {
    const subdomains = entry.startsWith('*.');
    const host = subdomains ? entry.slice(2) : entry;
    if (!isHostName(host)) {
      throw new DomainError(
        'invalid',
        'domain_pattern_invalid',
        `"${entry}" is not a host name or a *.host pattern (e.g. app.example.com or *.example.com).`,
      );
    }
    return { host, subdomains };
  });
}

/** Whether a lower-case host name is one of the patterns: exactly, or a subdomain of a `*.` one. */
export function hostAllowed(host: string, patterns: readonly DomainPattern[]): boolean {
  return patterns.some((p) => (p.subdomains ? host.endsWith(`.${p.host}`) : host === p.host));
}

// scheme://host[:port][/?#rest], read on the raw text before any URL parser normalises it, so
// nothing a parser would quietly repair (backslashes, userinfo, encoded dots) gets through.
const SHAPE = /^(https?):\/\/([A-Za-z0-9.-]+)(:\d{1,5})?([/?#][^\\]*)?$/i;
// Control characters and spaces, raw or percent-encoded, and encoded backslashes.
const RAW_FORBIDDEN = /[\p{Cc}\s\\]/u;
const ENCODED_FORBIDDEN = /%(0[0-9a-f]|1[0-9a-f]|20|7f|5c)/i;

/**
 * The normalised address to send the browser back to, or null when `raw` is not an http(s) address
 * on a protected host: refused are other schemes, relative addresses, userinfo, backslashes,
 * control characters (raw or percent-encoded), hosts that a parser would rewrite (IP shorthands,
 * trailing dots, non-ASCII) and hosts outside the patterns.
 */
export function checkReturnTarget(raw: string, patterns: readonly DomainPattern[]): string | null {
  if (raw.length > MAX_RETURN_TARGET_LENGTH || RAW_FORBIDDEN.test(raw) || ENCODED_FORBIDDEN.test(raw)) {
    return null;
  }
  const shape = SHAPE.exec(raw);
  if (!shape) return null;
  const host = (shape[2] as string).toLowerCase();
  if (!isHostName(host) || !hostAllowed(host, patterns)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  // The parser must have read the same host we checked, and no userinfo.
  if (url.hostname !== host || url.username !== '' || url.password !== '') return null;
  return url.href;
}
