/**
 * Words in a field's name, id, placeholder, aria-label or label that mean "the one-time code", and
 * words that mean some other code (postal, coupon, captcha...) and rule a field out. Matched on the
 * text split into lower-case words, so `otpCode`, `otp_code` and "One-time code" all read as code.
 */
const CODE_WORDS = [
  'otp',
  'totp',
  'mfa',
  '2fa',
  'tfa',
  'twofa',
  'twofactor',
  'onetime',
  'passcode',
  'authcode',
  'authenticator',
  'verification',
  'verificationcode',
  'verify',
  'token',
  'securitycode',
  'code',
  'pin',
];

const IGNORED_WORDS = [
  'postal',
  'postcode',
  'zip',
  'zipcode',
  'coupon',
  'promo',
  'promotion',
  'voucher',
  'discount',
  'gift',
  'captcha',
  'recaptcha',
  'referral',
  'invite',
  'invitation',
  'country',
  'area',
  'dial',
  'currency',
  'language',
  'iban',
  'swift',
  'bic',
  'sort',
  'tax',
  'vat',
  'product',
  'color',
  'colour',
  'backup',
  'recovery',
];

/** Splits camelCase, snake_case, kebab-case and spaces into lower-case words, and joins pairs too. */
export function wordsOf(text: string): string[] {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  // "one time code", "two factor", "security code": also the words run together.
  const joined = words.slice(1).map((word, index) => `${words[index]}${word}`);
  return [...words, ...joined];
}

export type CodeMeaning = 'code' | 'other-code' | 'none';

/** Whether descriptive text means a one-time code, some other code, or says nothing about it. */
export function meaningOf(text: string): CodeMeaning {
  const words = wordsOf(text);
  if (words.some((word) => IGNORED_WORDS.includes(word))) return 'other-code';
  return words.some((word) => CODE_WORDS.includes(word)) ? 'code' : 'none';
}

const ACCOUNT_WORDS = ['user', 'username', 'email', 'mail', 'password', 'passwd', 'pwd'];

/** Text that names a username, e-mail or password field, which is never filled. */
export function namesCredential(text: string): boolean {
  return wordsOf(text).some((word) => ACCOUNT_WORDS.includes(word));
}
