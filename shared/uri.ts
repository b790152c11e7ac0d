import {
  DEFAULT_ALGORITHM,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  type HashAlgorithm,
  isHashAlgorithm,
  MAX_DIGITS,
  MAX_PERIOD,
  MIN_DIGITS,
  type OtpAccount,
  type OtpType,
  STEAM_DIGITS,
  STEAM_PERIOD,
  validateAccount,
} from './account.ts';
import { base32Decode, base32Encode } from './base32.ts';
import { OtpError, type OtpErrorReason, type PercentPlace } from './errors.ts';

const SCHEME = 'otpauth://';
const KNOWN_PARAMETERS = new Set(['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'encoder']);

function invalid(message: string, reason?: OtpErrorReason, cause?: unknown): never {
  throw new OtpError('INVALID_URI', message, { cause, reason });
}

function percentDecode(text: string, place: PercentPlace): string {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    const what = place.in === 'parameter' ? `"${place.parameter}" parameter` : place.in;
    return invalid(
      `The ${what} has a broken percent-encoding ("%" must be followed by two hex digits of UTF-8).`,
      { kind: 'broken-percent-encoding', place },
      error,
    );
  }
}

/** Query values follow HTML form encoding, where "+" stands for a space. */
function readParameters(query: string): Map<string, string> {
  const parameters = new Map<string, string>();
  if (query === '') return parameters;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const rawName = equals < 0 ? pair : pair.slice(0, equals);
    const rawValue = equals < 0 ? '' : pair.slice(equals + 1);
    const name = percentDecode(rawName.replaceAll('+', ' '), { in: 'parameter name' }).toLowerCase();
    if (!KNOWN_PARAMETERS.has(name)) continue;
    if (parameters.has(name)) {
      invalid(`The "${name}" parameter appears more than once.`, {
        kind: 'repeated-parameter',
        parameter: name,
      });
    }
    parameters.set(name, percentDecode(rawValue.replaceAll('+', ' '), { in: 'parameter', parameter: name }));
  }
  return parameters;
}

function readWholeNumber(parameters: Map<string, string>, name: string): number | undefined {
  const text = parameters.get(name);
  if (text === undefined) return undefined;
  if (!/^[0-9]{1,16}$/.test(text)) {
    invalid(`The "${name}" parameter must be a whole number, not "${text}".`, {
      kind: 'parameter-not-whole-number',
      parameter: name,
      value: text,
    });
  }
  return Number(text);
}

function readAlgorithm(parameters: Map<string, string>): HashAlgorithm {
  const text = parameters.get('algorithm');
  if (text === undefined) return DEFAULT_ALGORITHM;
  const algorithm = text.toUpperCase();
  if (!isHashAlgorithm(algorithm))
    invalid(`The algorithm "${text}" is not supported; use SHA1, SHA256 or SHA512.`, {
      kind: 'unsupported-algorithm',
      algorithm: text,
    });
  return algorithm;
}

function readSecret(parameters: Map<string, string>): Uint8Array {
  const text = parameters.get('secret');
  if (text === undefined || text.trim() === '')
    invalid('The URI has no "secret" parameter, so no codes can be made.', { kind: 'no-secret' });
  let secret: Uint8Array;
  try {
    secret = base32Decode(text);
  } catch (error) {
    invalid(
      `The "secret" parameter is not valid base32: ${(error as Error).message}`,
      { kind: 'secret-not-base32-because' },
      error,
    );
  }
  if (secret.length === 0) {
    invalid('The "secret" parameter decodes to no bytes.', { kind: 'secret-decodes-to-nothing' });
  }
  return secret;
}

/** Label is `Issuer:account` or `account`; the colon may be literal or %3A, spaces may follow it. */
function splitLabel(label: string): { prefix: string | null; account: string } {
  const colon = label.indexOf(':');
  if (colon < 0) return { prefix: null, account: label.trim() };
  return { prefix: label.slice(0, colon).trim(), account: label.slice(colon + 1).trim() };
}

/**
 * Parses a Key URI Format address (`otpauth://totp/Issuer:account?secret=...`). The issuer
 * parameter wins over the label prefix when both are present. Unknown parameters (such as
 * `image`) are ignored. Throws OtpError('INVALID_URI') saying what is wrong.
 */
export function parseOtpauthUri(uri: string): OtpAccount {
  if (typeof uri !== 'string') invalid('The otpauth URI must be a string.');
  const trimmed = uri.trim();
  if (trimmed.slice(0, SCHEME.length).toLowerCase() !== SCHEME) {
    invalid('This is not an otpauth:// URI (it must start with "otpauth://").', { kind: 'not-otpauth-uri' });
  }
  const withoutFragment = trimmed.split('#', 1)[0] as string;
  const question = withoutFragment.indexOf('?');
  const path = withoutFragment.slice(SCHEME.length, question < 0 ? undefined : question);
  const query = question < 0 ? '' : withoutFragment.slice(question + 1);
  const slash = path.indexOf('/');
  const typeText = (slash < 0 ? path : path.slice(0, slash)).toLowerCase();
  if (typeText !== 'totp' && typeText !== 'hotp' && typeText !== 'steam') {
    invalid(`The OTP type "${typeText}" is not supported; it must be "totp", "hotp" or "steam".`, {
      kind: 'unsupported-otp-type',
      type: typeText,
    });
  }
  const label = percentDecode(slash < 0 ? '' : path.slice(slash + 1), { in: 'label' });
  const parameters = readParameters(query);
  // Steam Guard is written both ways: otpauth://steam/... (Aegis) and totp with encoder=steam.
  const type: OtpType =
    typeText === 'totp' && parameters.get('encoder')?.toLowerCase() === 'steam' ? 'steam' : typeText;

  const secret = readSecret(parameters);
  const { prefix, account } = splitLabel(label);
  if (account === '') {
    invalid('The label names no account; it should look like "Issuer:name@example.com".', {
      kind: 'no-account-in-label',
    });
  }
  const issuerParameter = parameters.get('issuer')?.trim();
  const issuer = issuerParameter !== undefined && issuerParameter !== '' ? issuerParameter : (prefix ?? '');

  // Steam's digits, period and algorithm are fixed; writers put anything there (5, 6 or nothing).
  const digits = type === 'steam' ? STEAM_DIGITS : (readWholeNumber(parameters, 'digits') ?? DEFAULT_DIGITS);
  if (type !== 'steam' && (digits < MIN_DIGITS || digits > MAX_DIGITS)) {
    const [min, max] = [String(MIN_DIGITS), String(MAX_DIGITS)];
    invalid(`The "digits" parameter must be ${min} to ${max}, not ${digits}.`, {
      kind: 'digits-parameter-out-of-range',
      digits: String(digits),
      min,
      max,
    });
  }
  let period = DEFAULT_PERIOD;
  let counter = 0;
  if (type === 'steam') {
    period = STEAM_PERIOD;
  } else if (type === 'totp') {
    period = readWholeNumber(parameters, 'period') ?? DEFAULT_PERIOD;
    if (period < 1 || period > MAX_PERIOD) {
      invalid(`The "period" parameter must be 1 to ${MAX_PERIOD} seconds, not ${period}.`, {
        kind: 'period-parameter-out-of-range',
        period: String(period),
        max: String(MAX_PERIOD),
      });
    }
  } else {
    const value = readWholeNumber(parameters, 'counter');
    if (value === undefined)
      invalid('A hotp URI needs a "counter" parameter.', { kind: 'hotp-without-counter' });
    if (!Number.isSafeInteger(value)) {
      invalid(`The "counter" parameter ${value} is above 2^53 - 1.`, {
        kind: 'counter-parameter-too-large',
        counter: String(value),
      });
    }
    counter = value;
  }
  const result: OtpAccount = {
    type,
    secret,
    issuer,
    account,
    algorithm: type === 'steam' ? 'SHA1' : readAlgorithm(parameters),
    digits,
    period,
    counter,
  };
  try {
    validateAccount(result);
  } catch (error) {
    invalid(
      `The URI describes an account that cannot be used: ${(error as Error).message}`,
      { kind: 'unusable-account-because' },
      error,
    );
  }
  return result;
}

/**
 * Writes the account as a Key URI Format address with every parameter explicit: issuer both
 * as label prefix and parameter (older apps read one, newer the other), secret as unpadded
 * base32. What it writes, parseOtpauthUri reads back as the same account. Throws OtpError('INVALID_ACCOUNT') when the account cannot be written faithfully.
 */
export function formatOtpauthUri(account: OtpAccount): string {
  validateAccount(account);
  const name = encodeURIComponent(account.account);
  // Readers split the label at its first colon, literal or %3A (Key URI Format), so a name with a
  // colon and no issuer gets an empty issuer before it: ":a%3Ab" reads back as issuer "", name "a:b".
  const prefix =
    account.issuer === ''
      ? account.account.includes(':')
        ? ':'
        : ''
      : `${encodeURIComponent(account.issuer)}:`;
  const label = `${prefix}${name}`;
  const parameters = [`secret=${base32Encode(account.secret)}`];
  if (account.issuer !== '') parameters.push(`issuer=${encodeURIComponent(account.issuer)}`);
  if (account.type === 'steam') {
    // As totp with encoder=steam (as the Authenticator extension writes it): apps that know the
    // encoder show Steam codes, the others still read the URI and keep the secret. No digits, since
    // 5 is outside what most readers accept.
    parameters.push(`algorithm=SHA1`, `period=${STEAM_PERIOD}`, 'encoder=steam');
    return `${SCHEME}totp/${label}?${parameters.join('&')}`;
  }
  parameters.push(`algorithm=${account.algorithm}`, `digits=${account.digits}`);
  parameters.push(account.type === 'totp' ? `period=${account.period}` : `counter=${account.counter}`);
  return `${SCHEME}${account.type}/${label}?${parameters.join('&')}`;
}
