import { t } from '../../i18n/t.ts';
import { browser } from '../../platform/browser.ts';
import { type ClockCheck, offsetFromDateHeader, parseVerifierUrl } from '../../settings/clock-check.ts';

/**
 * Reads the verifier's `Date` header. The header is not readable across origins without access to that
 * origin, so access to exactly this one origin is requested when the user asks for the check, and given
 * back once the answer is in (unless the extension held it already). Must be called directly from the
 * click handler: the browser grants permissions only during one.
 */
export async function checkTimeAgainst(urlText: string): Promise<ClockCheck> {
  const url = parseVerifierUrl(urlText);
  const origins = [`${url.origin}/*`];
  // Both calls are made before the first await: the browser grants a permission only while the click
  // is being handled (Firefox refuses once an await has passed), and `contains`, asked first, answers
  // for the state before this request.
  const heldBefore = browser.permissions.contains({ origins });
  const granted = browser.permissions.request({ origins });
  const [held, allowed] = await Promise.all([heldBefore, granted]);
  if (!allowed) throw new TypeError(t('accessRefused', url.origin));
  try {
    return await readServerTime(url);
  } finally {
    if (!held) await browser.permissions.remove({ origins });
  }
}

async function readServerTime(url: URL): Promise<ClockCheck> {
  const sentAt = Date.now();
  let response: Response;
  try {
    // No redirects: an https:// address must not hand the answer over to a plain http:// one.
    response = await fetch(url, {
      method: 'HEAD',
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
    });
  } catch {
    throw new TypeError(t('serverUnreachable', url.origin));
  }
  const receivedAt = Date.now();
  const date = response.headers.get('date');
  if (!date) throw new TypeError(t('noDateHeader', url.origin));
  return offsetFromDateHeader(date, sentAt, receivedAt);
}
