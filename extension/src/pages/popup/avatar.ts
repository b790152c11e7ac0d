import type { OtpAccount } from '../../../../shared/index.ts';

/** The number of avatar colours in styles/account-list.css (.avatar-0 … .avatar-7), each readable under white. */
export const AVATAR_COLOURS = 8;

/** The letter and colour of an account's avatar: drawn from its issuer (else its name), no fetch. */
export function avatarOf(account: Pick<OtpAccount, 'issuer' | 'account'>): {
  letter: string;
  colour: number;
} {
  const source = (account.issuer || account.account).trim();
  const letter = [...source][0]?.toLocaleUpperCase() ?? '?';
  // A small string hash: the same issuer gets the same colour in every popup and on every device.
  let hash = 0;
  for (const char of source.toLocaleLowerCase()) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return { letter, colour: hash % AVATAR_COLOURS };
}
