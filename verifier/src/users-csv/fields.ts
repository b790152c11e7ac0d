import type { SignInSource } from './columns.ts';

/** Each check returns the parsed value, or a reason a user can act on. */
export type FieldCheck<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

const ok = <T>(value: T): FieldCheck<T> => ({ ok: true, value });
const bad = <T>(reason: string): FieldCheck<T> => ({ ok: false, reason });

// The same limits as the user admin API, so an imported user could also have been created by hand.
const MAX_USERNAME_LENGTH = 64;
const USERNAME = /^[A-Za-z0-9._@-]+$/;
const MAX_DISPLAY_NAME_LENGTH = 100;
const CONTROL = /\p{Cc}/u;

export function checkUsername(text: string): FieldCheck<string> {
  if (text === '') return bad('The username is empty.');
  if (text.length > MAX_USERNAME_LENGTH)
    return bad(`The username is longer than ${MAX_USERNAME_LENGTH} characters.`);
  if (!USERNAME.test(text)) {
    return bad(`The username "${text}" may only contain letters, digits and . _ @ -`);
  }
  return ok(text);
}

// RFC 5321 limits; the local part as dot-atom text, the domain as LDH labels (IDNs in their xn-- form).
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** An empty address is allowed (a user without e-mail), as in the user admin API. */
export function checkEmail(text: string): FieldCheck<string> {
  const reason = `"${text}" is not a valid e-mail address.`;
  if (text === '') return ok(text);
  if (text.length > 254) return bad(reason);
  const at = text.lastIndexOf('@');
  const local = text.slice(0, at);
  const labels = text.slice(at + 1).split('.');
  if (at < 1 || local.length > 64 || !LOCAL_PART.test(local)) return bad(reason);
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return bad(reason);
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return bad(reason);
  return ok(text);
}

export function checkDisplayName(text: string): FieldCheck<string> {
  if (text.length > MAX_DISPLAY_NAME_LENGTH) {
    return bad(`The display name is longer than ${MAX_DISPLAY_NAME_LENGTH} characters.`);
  }
  if (CONTROL.test(text)) return bad('The display name contains line breaks or invisible characters.');
  return ok(text);
}

export function checkSource(text: string): FieldCheck<SignInSource> {
  const value = text.toLowerCase();
  if (value === 'local' || value === 'sso') return ok(value);
  return bad(`The sign-in source must be "local" or "sso", not "${text}".`);
}

export function checkYesNo(text: string): FieldCheck<boolean> {
  const value = text.toLowerCase();
  if (value === 'y') return ok(true);
  if (value === 'n') return ok(false);
  return bad(`"2FA Enabled" must be y or n, not "${text}".`);
}
