/** Beyond this, codes made on this device are likely to be refused; the popup warns. */
export const CLOCK_WARNING_MS = 15_000;

export interface ClockCheck {
  /** Server time minus device time, in milliseconds (positive: the device is behind). */
  offsetMs: number;
  /** True when the difference is large enough that codes may be refused. */
  warn: boolean;
}

/**
 * Estimates the device clock's offset from a server's HTTP `Date` header (RFC 9110 §6.6.1), which
 * has one-second resolution: the header is taken as the middle of its second and compared with the
 * middle of the request's round trip.
 */
export function offsetFromDateHeader(dateHeader: string, sentAt: number, receivedAt: number): ClockCheck {
  const serverTime = Date.parse(dateHeader);
  if (Number.isNaN(serverTime)) {
    throw new TypeError(`The server's Date header "${dateHeader}" is not a valid HTTP date.`);
  }
  const offsetMs = Math.round(serverTime + 500 - (sentAt + receivedAt) / 2);
  return { offsetMs, warn: Math.abs(offsetMs) > CLOCK_WARNING_MS };
}

/** Checks a user-typed verifier address before asking the browser for access to it. */
export function parseVerifierUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new TypeError('Enter the full address of your verifier, for example https://verifier.example.com.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(
      'The verifier address must start with https:// (or http:// for a local test server).',
    );
  }
  return url;
}
