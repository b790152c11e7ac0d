import type { OtpAccount } from '../../../../shared/index.ts';
import { t } from '../../i18n/t.ts';
import { CorruptFileError } from '../errors.ts';
import { entryLabel, ImportCollector, type ImportResult } from '../import-result.ts';
import {
  collectEntry,
  EntryProblem,
  hashAlgorithm,
  isRecord,
  makeAccount,
  text,
  wholeNumber,
} from './entry-fields.ts';

/**
 * FreeOTP+ JSON export: `{ tokens: [{ type, algo, digits, period, counter, issuerExt, issuerInt,
 * label, secret }], tokenOrder }`. The secret is a list of signed bytes (-128 to 127), as Java
 * serialises a byte[]. `issuerExt` is the issuer as shown; `issuerInt` is the one from the URI.
 */
export function isFreeOtpPlusExport(json: unknown): json is Record<string, unknown> {
  return isRecord(json) && Array.isArray(json.tokens);
}

function secretBytes(value: unknown): Uint8Array {
  if (!Array.isArray(value) || value.length === 0) throw new EntryProblem(t('skipNoSecret'));
  if (!value.every((byte) => Number.isInteger(byte) && byte >= -128 && byte <= 255)) {
    throw new EntryProblem(t('skipSecretNotBytes'));
  }
  return Uint8Array.from(value as number[], (byte) => byte & 0xff);
}

function readToken(token: Record<string, unknown>): OtpAccount {
  const type = text(token.type).toUpperCase() || 'TOTP';
  if (type !== 'TOTP' && type !== 'HOTP') {
    throw new EntryProblem(t('skipTypeNotSupportedTokens', type));
  }
  return makeAccount({
    type: type === 'TOTP' ? 'totp' : 'hotp',
    secret: secretBytes(token.secret),
    issuer: text(token.issuerExt) || text(token.issuerInt),
    account: text(token.label),
    algorithm: hashAlgorithm(token.algo),
    digits: wholeNumber(token.digits, 'digits', 6),
    period: wholeNumber(token.period, 'period', 30),
    counter: wholeNumber(token.counter, 'counter', 0),
  });
}

export function parseFreeOtpPlus(document: Record<string, unknown>): ImportResult {
  if (!Array.isArray(document.tokens)) throw new CorruptFileError(t('freeOtpNoTokens'));
  const collector = new ImportCollector();
  document.tokens.forEach((token: unknown, index) => {
    const label = isRecord(token)
      ? entryLabel(text(token.issuerExt) || token.issuerInt, token.label, index)
      : t('labelEntry', String(index + 1));
    collectEntry(collector, label, () => {
      if (!isRecord(token)) throw new EntryProblem(t('skipNotTokenObject'));
      return readToken(token);
    });
  });
  return collector.result('freeotp-plus');
}
