/**
 * The codes the setup's confirmation answered, handed to the success page in memory only: never in
 * storage or the address, so a reload or another tab cannot show them again.
 */
let issued: string[] = [];

export function keepIssuedCodes(codes: readonly string[]): void {
  issued = [...codes];
}

/** The codes, once: a second call (a reload of the page) finds none. */
export function takeIssuedCodes(): string[] {
  const codes = issued;
  issued = [];
  return codes;
}
