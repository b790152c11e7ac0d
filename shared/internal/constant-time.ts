/**
 * Compares two strings in time that depends only on their lengths, so a caller guessing a
 * one-time code learns nothing from how long a wrong guess took. The length is not secret
 * (it is the configured number of digits), so unequal lengths return early.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
