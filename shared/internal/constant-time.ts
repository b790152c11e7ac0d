/**
 * Compares two byte arrays in time that depends only on their lengths, never on where they differ,
 * so a caller guessing a code, a token or a check value learns nothing from how long a wrong guess
 * took. Unequal lengths give false, but the content is still compared over the longer length with
 * no early exit. The one equality for secrets in the project; the verifier and the extension call it too.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (!(a instanceof Uint8Array)) throw new TypeError('constantTimeEqual: a must be a Uint8Array');
  if (!(b instanceof Uint8Array)) throw new TypeError('constantTimeEqual: b must be a Uint8Array');
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}
