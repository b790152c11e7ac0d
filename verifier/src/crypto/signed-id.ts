import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../../../shared/internal/constant-time.ts';

/*
 * A random id signed for one subject under one purpose: `id:mac`, where mac is an HMAC-SHA256 of
 * the purpose, the id and the subject. A token forged, altered or moved to another subject is refused
 * without a database read; the database keeps only a hash of the id, to revoke it. The purpose keeps
 * a token of one kind (a throttling device cookie) from passing as another (a remembered device).
 */

/** Random ids are 16 bytes, base64url: 22 characters. */
const ID_LENGTH = 22;

function mac(key: Uint8Array, purpose: string, id: string, subject: string): Buffer {
  return createHmac('sha256', key).update(`${purpose}\0${id}\0${subject}`).digest();
}

/** The token that carries `id` for `subject`. */
export function signId(key: Uint8Array, purpose: string, id: string, subject: string): string {
  return `${id}:${mac(key, purpose, id, subject).toString('base64url')}`;
}

/** The id `token` carries when its signature holds for this purpose and subject; otherwise undefined. */
export function signedId(
  key: Uint8Array,
  purpose: string,
  token: string,
  subject: string,
): string | undefined {
  const [id, signature, ...rest] = token.split(':');
  if (!id || !signature || rest.length > 0 || id.length !== ID_LENGTH) return undefined;
  const presented = Buffer.from(signature, 'base64url');
  return constantTimeEqual(presented, mac(key, purpose, id, subject)) ? id : undefined;
}
