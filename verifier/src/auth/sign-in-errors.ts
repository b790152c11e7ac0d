import { MIN_PASSWORD_LENGTH } from '../crypto/passwords.ts';
import { ApiError } from '../http/api-error.ts';
import { spokenDuration } from '../wording/duration.ts';

/** Refusals shared by the sign-in, password, code and enrollment routes, worded as the API contract fixes them. */
export const invalidCredentials = () =>
  new ApiError(401, 'invalid_credentials', 'Wrong username or password.');
export const accountLocked = () =>
  new ApiError(
    423,
    'account_locked',
    'This account is locked after too many failed attempts. Ask an admin to unlock it or try again later.',
  );
export const singleSignOnOnly = () =>
  new ApiError(
    403,
    'single_sign_on_only',
    'This account signs in through your organisation’s single sign-on, not with a password here.',
  );
export const tooManyAttempts = (retryAfterSeconds: number) =>
  new ApiError(
    429,
    'too_many_attempts',
    `Too many failed attempts. Try again in ${spokenDuration(retryAfterSeconds)}.`,
    {
      retryAfterSeconds,
    },
  );
export const challengeVoid = () =>
  new ApiError(410, 'challenge_void', 'Too many wrong codes or the sign-in took too long. Sign in again.');
export const codeBlank = () => new ApiError(400, 'code_blank', 'Enter the code from your authenticator.');
export const codeInvalid = () =>
  new ApiError(
    400,
    'code_invalid',
    "That code is not right. Check your device's time is set automatically and try again.",
  );
export const codeUsed = () =>
  new ApiError(400, 'code_used', 'That code has already been used. Wait for the next code.');
export const weakPassword = () =>
  new ApiError(400, 'weak_password', `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
export const samePassword = () =>
  new ApiError(400, 'same_password', 'Choose a password different from the current one.');
/**
 * A wrong code while setting up names the likely causes in the order they happen: reading an older
 * entry for the same site, a key replaced by "Show a new key", and only then the device's clock.
 */
export const enrollmentCodeInvalid = (issuer: string, account: string) =>
  new ApiError(
    400,
    'code_invalid',
    `That code is not right. Check that it comes from the account you just added, ${issuer} (${account}): an older entry for the same site may still be in your authenticator. If you chose “Show a new key”, only the newest key works: delete the older entry and scan again. Otherwise check your device’s time is set automatically.`,
  );
