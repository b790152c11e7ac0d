import { getDomain, getHostname } from 'tldts';

/**
 * The site an account belongs to. An account stores the origin where it was scanned or first filled;
 * two addresses are the same site when their registrable domains (public-suffix list, private
 * suffixes such as github.io included) are equal, so accounts.example.co.uk matches
 * login.example.co.uk but not other.co.uk. Addresses without one (an IP address, localhost) match by
 * host name alone.
 */

const TLD_OPTIONS = { allowPrivateDomains: true } as const;

/** The origin of a web page's address, or null for anything that is not an http(s) page. */
export function webOrigin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** What two addresses must share to be one site. */
export function siteKey(url: string): string | null {
  const origin = webOrigin(url);
  if (!origin) return null;
  return getDomain(origin, TLD_OPTIONS) ?? getHostname(origin)?.toLowerCase() ?? null;
}

export function sameSite(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const key = siteKey(a);
  return key !== null && key === siteKey(b);
}

/** The accounts linked to the site of `url`, in the order given. */
export function accountsForSite<T extends { site?: string }>(
  accounts: readonly T[],
  url: string | undefined,
): T[] {
  return accounts.filter((account) => sameSite(account.site, url));
}
