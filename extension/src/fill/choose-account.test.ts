import { describe, expect, it } from 'vitest';
import type { VaultAccount } from '../accounts/account.ts';
import { chooseForSite } from './choose-account.ts';
import { sameSite } from './site.ts';
import { siteFirst } from './site-first.ts';

const account = (id: string, site?: string, extra: Partial<VaultAccount> = {}): VaultAccount => ({
  id,
  type: 'totp',
  secret: new Uint8Array(10),
  issuer: id,
  account: id,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  pinned: false,
  ...(site && { site }),
  ...extra,
});

describe('the account for the site', () => {
  const list = [
    account('mail', 'https://mail.example.org'),
    account('shop', 'https://accounts.shop.example.co.uk'),
    account('none'),
    account('work', 'https://id.work.example'),
    account('work-admin', 'https://admin.work.example'),
  ];

  it('fills the one account linked to the site, matched by registrable domain', () => {
    const choice = chooseForSite(list, 'https://login.shop.example.co.uk/2fa');
    expect(choice.kind === 'one' && choice.account.id).toBe('shop');
  });

  it('lets the user choose when a site has several accounts, or none', () => {
    const several = chooseForSite(list, 'https://sso.work.example/');
    expect(several.kind === 'several' && several.accounts.map((a) => a.id)).toEqual(['work', 'work-admin']);
    expect(chooseForSite(list, 'https://other.co.uk/').kind).toBe('none');
    expect(chooseForSite(list, undefined).kind).toBe('none');
  });

  it('never fills an HOTP account without the popup', () => {
    const hotp = [account('bank', 'https://bank.example', { type: 'hotp' })];
    expect(chooseForSite(hotp, 'https://bank.example/').kind).toBe('several');
  });

  it('lists the site’s accounts first in the popup, the rest after them in their order', () => {
    expect(siteFirst(list, (site) => sameSite(site, 'https://www.work.example')).map((a) => a.id)).toEqual([
      'work',
      'work-admin',
      'mail',
      'shop',
      'none',
    ]);
  });
});
