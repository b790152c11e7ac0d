/**
 * The codes the setup's confirmation answered, handed to the success page in memory only: never in
 * storage or the address, so a reload or another tab cannot show them again. The confirmation signs
 * the user out, so whose codes they are travels with them.
 */
export interface IssuedCodes {
  codes: string[];
  username: string;
  organisation: string;
}

const NONE: IssuedCodes = { codes: [], username: '', organisation: '' };
let issued: IssuedCodes = NONE;

export function keepIssuedCodes(codes: IssuedCodes): void {
  issued = { ...codes, codes: [...codes.codes] };
}

/** The codes, once: a second call (a reload of the page) finds none. */
export function takeIssuedCodes(): IssuedCodes {
  const taken = issued;
  issued = NONE;
  return taken;
}
