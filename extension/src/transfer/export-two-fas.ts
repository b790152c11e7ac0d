import { base32Encode, type OtpAccount } from '../../../shared/index.ts';
import { localDate } from './file-date.ts';

/**
 * A 2FAS backup file (`.2fas`, schema version 4) of the accounts, which the 2FAS app imports:
 * `{ services: [{ name, secret, updatedAt, otp: { label, account, issuer, digits, period,
 * algorithm, tokenType, counter, source }, order, icon }], groups, schemaVersion, ... }`.
 * 2FAS needs a service name: an account without an issuer is named after its account name.
 * It is not encrypted: the UI offers it behind the same warning as the otpauth text file.
 */
const SCHEMA_VERSION = 4;

function service(account: OtpAccount, position: number, updatedAt: number) {
  const name = account.issuer || account.account;
  return {
    name,
    secret: base32Encode(account.secret),
    updatedAt,
    otp: {
      label: account.issuer ? `${account.issuer}:${account.account}` : account.account,
      account: account.account,
      issuer: account.issuer,
      digits: account.digits,
      period: account.period,
      algorithm: account.algorithm,
      tokenType: account.type.toUpperCase(),
      counter: account.counter,
      source: 'Manual',
    },
    order: { position },
    icon: { selected: 'Label', label: { text: name.slice(0, 2).toUpperCase(), backgroundColor: 'Default' } },
  };
}

export function twoFasExport(
  accounts: readonly OtpAccount[],
  options: { now: Date },
): { fileName: string; text: string } {
  const updatedAt = options.now.getTime();
  const backup = {
    services: accounts.map((account, position) => service(account, position, updatedAt)),
    groups: [],
    updatedAt,
    schemaVersion: SCHEMA_VERSION,
    appVersionCode: 5_000_000,
    appVersionName: '5.0.0',
    appOrigin: 'android',
  };
  return { fileName: `2fas-backup-${localDate(options.now)}.2fas`, text: `${JSON.stringify(backup)}\n` };
}
