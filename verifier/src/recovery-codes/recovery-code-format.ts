/**
 * Recovery codes (NIST SP 800-63B §5.1.2 look-up secrets): 20 characters of Crockford's base32 in four
 * groups of five, e.g. `7K3QM-V9XAD-2HRTE-5WNBP`. The first group is the code's id, not secret, so a
 * check finds its one stored hash; the other 15 characters are the secret (75 bits, above the 64 the
 * issue asks and SP 800-63B's floor for look-up secrets). Crockford's alphabet has no I, L, O or U, and
 * reading a code back forgives the look-alikes (O as 0, I and L as 1), case, spaces and dashes.
 */

export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ID_LENGTH = 5;
export const SECRET_LENGTH = 15;
export const CODE_LENGTH = ID_LENGTH + SECRET_LENGTH;
/** Bits of the secret part (5 per character). */
export const SECRET_BITS = SECRET_LENGTH * 5;
/** How many codes a set holds. */
export const CODES_PER_SET = 10;

export interface RecoveryCode {
  /** The first group: shown and stored in clear. */
  readonly id: string;
  /** The rest: only its hash is stored. */
  readonly secret: string;
}

/** One code from CODE_LENGTH random bytes: each byte's low 5 bits pick a character, so each is uniform. */
export function codeFromBytes(bytes: Uint8Array): RecoveryCode {
  if (bytes.length !== CODE_LENGTH) throw new RangeError(`codeFromBytes needs ${CODE_LENGTH} bytes`);
  const text = Array.from(bytes, (byte) => ALPHABET[byte & 31]).join('');
  return { id: text.slice(0, ID_LENGTH), secret: text.slice(ID_LENGTH) };
}

/**
 * A set of codes with distinct ids, drawing bytes from `random` (node:crypto's randomBytes in the
 * adapter). A repeated id (1 in 3 million per pair) is drawn again.
 */
export function newCodeSet(random: (length: number) => Uint8Array, count = CODES_PER_SET): RecoveryCode[] {
  const codes: RecoveryCode[] = [];
  const ids = new Set<string>();
  while (codes.length < count) {
    const code = codeFromBytes(random(CODE_LENGTH));
    if (ids.has(code.id)) continue;
    ids.add(code.id);
    codes.push(code);
  }
  return codes;
}

/** As the user sees and types it: four groups of five joined by dashes. */
export function formatRecoveryCode(code: RecoveryCode): string {
  const text = code.id + code.secret;
  return [0, 5, 10, 15].map((start) => text.slice(start, start + 5)).join('-');
}

const LOOK_ALIKES: Record<string, string> = { O: '0', I: '1', L: '1' };

/**
 * Reads what a user typed as a recovery code, or null when it cannot be one (wrong length or a
 * character outside the alphabet). Never throws: any text is an answer.
 */
export function parseRecoveryCode(input: string): RecoveryCode | null {
  if (input.length > 64) return null;
  const compact = input
    .replace(/[\s-]+/g, '')
    .toUpperCase()
    .replace(/[OIL]/g, (c) => LOOK_ALIKES[c] as string);
  if (compact.length !== CODE_LENGTH) return null;
  for (const c of compact) if (!ALPHABET.includes(c)) return null;
  return { id: compact.slice(0, ID_LENGTH), secret: compact.slice(ID_LENGTH) };
}
