import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountsForSite, sameSite, siteKey } from './site.ts';
import { webOrigin } from './web-origin.ts';

describe('which site an account belongs to', () => {
  it('matches another host of the same registrable domain, not a neighbour under the same suffix', () => {
    expect(sameSite('https://accounts.example.co.uk', 'https://login.example.co.uk/sign-in?x=1')).toBe(true);
    expect(sameSite('https://accounts.example.co.uk', 'https://other.co.uk/')).toBe(false);
    expect(sameSite('https://example.com', 'http://www.example.com:8080/')).toBe(true);
  });

  it('keeps sites under a private suffix apart (one github.io page is not another)', () => {
    expect(sameSite('https://alice.github.io', 'https://bob.github.io')).toBe(false);
  });

  it('matches an IP address or localhost by host alone', () => {
    expect(sameSite('http://127.0.0.1:8080', 'http://127.0.0.1:9090/otp')).toBe(true);
    expect(sameSite('http://127.0.0.1:8080', 'http://localhost:8080')).toBe(false);
  });

  it('links nothing to browser pages, files or unreadable addresses', () => {
    for (const url of ['chrome://extensions', 'about:blank', 'file:///tmp/x.html', 'not a url', '']) {
      expect(webOrigin(url)).toBeNull();
      expect(sameSite(url, url)).toBe(false);
    }
  });

  it('lists the accounts of the current site in their own order', () => {
    const accounts = [
      { id: 'a', site: 'https://login.example.com' },
      { id: 'b' },
      { id: 'c', site: 'https://example.org' },
      { id: 'd', site: 'https://id.example.com' },
    ];
    expect(accountsForSite(accounts, 'https://www.example.com/2fa').map((a) => a.id)).toEqual(['a', 'd']);
    expect(accountsForSite(accounts, undefined)).toEqual([]);
  });

  it('reads any text as an address without throwing, and a site is always the same site as itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl()), (text) => {
        const key = siteKey(text);
        if (key !== null) expect(sameSite(text, text)).toBe(true);
      }),
    );
  });
});
