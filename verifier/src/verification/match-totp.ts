import { type HashAlgorithm, timeStep, verifyTotp } from '../../../shared/index.ts';

export interface TotpParameters {
  secret: Uint8Array;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  /** Learned clock offset of the user's device, in time steps (negative: device runs late). */
  drift: number;
}

export interface TotpMatch {
  /** Absolute time step of the accepted code, for the replay mark. */
  step: number;
  /** Drift to remember after this match. */
  drift: number;
}

/**
 * Looks for `code` within ±window steps around the device's learned drift, so a device whose
 * clock is off by minutes keeps working once it has been seen drifting there.
 */
export function matchTotp(
  credential: TotpParameters,
  code: string,
  now: number,
  window: number,
): TotpMatch | null {
  const centre = now + credential.drift * credential.period * 1000;
  if (centre < 0) return null;
  const offset = verifyTotp({
    secret: credential.secret,
    token: code,
    time: centre,
    window,
    period: credential.period,
    algorithm: credential.algorithm,
    digits: credential.digits,
  });
  if (offset === null) return null;
  return {
    step: timeStep({ time: centre, period: credential.period }) + offset,
    drift: credential.drift + offset,
  };
}

/** Removes the spaces people type or paste ("123 456"); an empty result means nothing was entered. */
export function normaliseCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}
