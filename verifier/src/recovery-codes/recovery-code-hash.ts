import { randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from '../crypto/passwords.ts';
import { formatRecoveryCode, newCodeSet, type RecoveryCode } from './recovery-code-format.ts';

/**
 * A new set of codes: what the user is shown once (formatted) and what is stored (the id and a salted
 * argon2id hash of the secret part, as SP 800-63B §5.1.2.2 and ASVS 6.5.2 ask for secrets under 112
 * bits). The ten hashes run side by side on libuv's thread pool.
 */
export async function newHashedSet(): Promise<{ shown: string[]; stored: { id: string; hash: string }[] }> {
  const codes = newCodeSet((length) => randomBytes(length));
  const stored = await Promise.all(
    codes.map(async (code) => ({ id: code.id, hash: await hashPassword(code.secret) })),
  );
  return { shown: codes.map(formatRecoveryCode), stored };
}

/**
 * Whether `code`'s secret matches the stored hash; with no stored hash (no such id) a decoy hash is
 * still checked, so a code with an unknown id takes as long as one with a wrong secret.
 */
export function secretMatches(storedHash: string | null, code: RecoveryCode | null): Promise<boolean> {
  return verifyPassword(code ? storedHash : null, code?.secret ?? 'not a recovery code');
}
