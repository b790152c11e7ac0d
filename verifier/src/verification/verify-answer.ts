import { Type } from '@sinclair/typebox';

/**
 * Why the verify API refused a code; `reason` is the answer, the audit log may say more. A user without
 * an Activated authenticator is answered as a wrong code (the audit log says `not_enrolled`), so no
 * reason tells such a user from an unknown name.
 */
export const Reason = Type.Union([
  Type.Literal('invalid_code'),
  Type.Literal('replayed'),
  Type.Literal('locked'),
  Type.Literal('throttled'),
]);
export type Reason = 'invalid_code' | 'replayed' | 'locked' | 'throttled';

export type VerifyAnswer = { ok: true } | { ok: false; reason: Reason };

/** One third-party verify request, as the route read it. */
export interface VerifyQuestion {
  presentedKey: string;
  /** Normalised. */
  username: string;
  code: string;
  ip: string;
  now: number;
}
