/** Cryptographically strong random bytes; passed as a parameter to everything that needs randomness. */
export const randomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));
