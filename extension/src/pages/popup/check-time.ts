import { browser } from '../../platform/browser.ts';
import { type ClockCheck, offsetFromDateHeader, parseVerifierUrl } from '../../settings/clock-check.ts';

/**
 * Reads the verifier's `Date` header. The header is not readable across origins without access to that
 * origin, so access to exactly this one origin is requested when the user asks for the check.
 * Must be called directly from the click handler: the browser grants permissions only during one.
 */
export async function checkTimeAgainst(urlText: string): Promise<ClockCheck> {
  const url = parseVerifierUrl(urlText);
  const granted = await browser.permissions.request({ origins: [`${url.origin}/*`] });
  if (!granted) throw new TypeError(`Access to ${url.origin} was not allowed, so its time cannot be read.`);
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetch(url, { method: 'HEAD', cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new TypeError(`${url.origin} could not be reached. Check the address and your connection.`);
  }
  const receivedAt = Date.now();
  const date = response.headers.get('date');
  if (!date) throw new TypeError(`${url.origin} answered without a Date header, so its time cannot be read.`);
  return offsetFromDateHeader(date, sentAt, receivedAt);
}
