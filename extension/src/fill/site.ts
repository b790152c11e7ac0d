import { getDomain, getHostname } from 'tldts';
import { webOrigin } from './web-origin.ts';

/**
 * The site an account belongs to. An account stores the origin where it was scanned or first filled;
 * two addresses are the same site when their registrable domains (public-suffix list, private
 * suffixes such as github.io included) are equal, so accounts.example.co.uk matches
 * login.example.co.uk but not other.co.uk. Addresses without one (an IP address, localhost) match by
 * host name alone. The public-suffix list is most of the popup's code by weight, so the popup loads
 * this module only once it knows the page (see use-target-page.ts).
 */

const TLD_OPTIONS = { allowPrivateDomains: true } as const;

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
