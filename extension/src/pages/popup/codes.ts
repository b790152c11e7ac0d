import { hotp, steamCode, totp } from '../../../../shared/index.ts';
import type { VaultAccount } from '../../accounts/account.ts';

/** Splits a code in two groups for reading aloud and typing: `123 456`, `1234 5678`, `123 4567`. */
export function groupDigits(code: string): string {
  const head = Math.floor(code.length / 2);
  return `${code.slice(0, head)} ${code.slice(head)}`;
}

export interface TotpView {
  code: string;
  /** Whole seconds left in the current period. */
  secondsLeft: number;
}

/** The TOTP code at `nowMs` (device clock plus the user's offset) and the time left in its period. */
export function totpView(account: VaultAccount, nowMs: number): TotpView {
  const code =
    account.type === 'steam'
      ? steamCode({ secret: account.secret, time: nowMs })
      : totp({
          secret: account.secret,
          time: nowMs,
          period: account.period,
          algorithm: account.algorithm,
          digits: account.digits,
        });
  const secondsLeft = account.period - (Math.floor(nowMs / 1000) % account.period);
  return { code, secondsLeft };
}

/** The HOTP code for the account's stored counter (the next unused one). */
export function hotpCode(account: VaultAccount): string {
  return hotp({
    secret: account.secret,
    counter: account.counter,
    algorithm: account.algorithm,
    digits: account.digits,
  });
}
