/**
 * What a new password must be, for the server and the pages alike (pure, so the pages bundle it):
 * long enough (NIST SP 800-63B §5.1.1.2 sets 8 as the floor; 12 here), nothing else imposed.
 */
export const MIN_PASSWORD_LENGTH = 12;

/** Why a new password typed twice cannot be used, or null when it can. */
export function newPasswordProblem(password: string, repeated: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password !== repeated) return 'The two passwords are not the same.';
  return null;
}
