import { type Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB memory, 2 iterations, 1 lane. */
const OPTIONS = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export { MIN_PASSWORD_LENGTH } from '../accounts/password-rules.ts';

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Checked when the user does not exist, so unknown names cost the same time as known ones.
// Computed once, early, so not even the first unknown name takes longer than a known one.
let decoyHash: Promise<string> | undefined;
export function prepareDecoy(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that never matches');
  return decoyHash;
}

/** Constant-time check inside argon2; a missing hash still spends one verification. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    await verify(await prepareDecoy(), password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
