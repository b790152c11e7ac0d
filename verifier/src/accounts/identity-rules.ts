/**
 * What a username, an e-mail address and a display name may be, wherever a user is made or changed:
 * the admin API, the users CSV import and `user add`. Each check trims the text and returns the value to
 * store, so whatever one of them accepts comes back unchanged from an export, in any installation.
 */

/** The value to store, or a reason a person can act on. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const bad = <T>(reason: string): Checked<T> => ({ ok: false, reason });

export const MAX_USERNAME_LENGTH = 64;
const USERNAME = /^[A-Za-z0-9._@-]+$/;

/** Letters, digits and . _ @ - (stored lower-case, so names match whatever their case). */
export function checkUsername(text: string): Checked<string> {
  const username = text.trim();
  if (username === '') return bad('The username is empty.');
  if (username.length > MAX_USERNAME_LENGTH)
    return bad(`The username is longer than ${MAX_USERNAME_LENGTH} characters.`);
  if (!USERNAME.test(username)) {
    return bad(`The username "${username}" may only contain letters, digits and . _ @ -`);
  }
  return ok(username);
}

// RFC 5321 limits; the local part as dot-atom text, the domain as LDH labels (IDNs in their xn-- form).
const MAX_EMAIL_LENGTH = 254;
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** An address mail can be sent to, or empty (a user without e-mail). */
export function checkEmail(text: string): Checked<string> {
  const email = text.trim();
  const reason = `"${email}" is not a valid e-mail address.`;
  if (email === '') return ok(email);
  if (email.length > MAX_EMAIL_LENGTH) return bad(reason);
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  if (at < 1 || local.length > 64 || !LOCAL_PART.test(local)) return bad(reason);
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return bad(reason);
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return bad(reason);
  return ok(email);
}

/** Counted in characters (code points), as a person counts them: an emoji is one. */
export const MAX_DISPLAY_NAME_LENGTH = 100;
// C0, DEL and C1: they break lists, logs and CSV rows, and steer terminals.
const CONTROL = /\p{Cc}/u;
// A lone surrogate cannot be written as UTF-8: the database and the export would keep another character.
const LONE_SURROGATE = /\p{Cs}/u;

/** Any text without control characters; empty is allowed. */
export function checkDisplayName(text: string): Checked<string> {
  const displayName = text.trim();
  if ([...displayName].length > MAX_DISPLAY_NAME_LENGTH) {
    return bad(`The display name is longer than ${MAX_DISPLAY_NAME_LENGTH} characters.`);
  }
  if (CONTROL.test(displayName)) return bad('The display name contains line breaks or invisible characters.');
  if (LONE_SURROGATE.test(displayName)) return bad('The display name contains a broken character.');
  return ok(displayName);
}
