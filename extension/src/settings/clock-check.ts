import { t } from '../i18n/t.ts';

/** Beyond this, codes made on this device are likely to be refused; the popup warns. */
export const CLOCK_WARNING_MS = 15_000;

/**
 * The largest offset "Check time" applies. A clock further off is the user's to fix: a server that
 * claims a larger difference is more likely wrong or hostile (it could make the extension show codes
 * that are valid later, for a phishing page to collect), so it is reported and not applied.
 */
export const CLOCK_MAX_CORRECTION_MS = 5 * 60_000;

export interface ClockCheck {
  /** Server time minus device time, in milliseconds (positive: the device is behind). */
  offsetMs: number;
  /** True when the difference is large enough that codes may be refused. */
  warn: boolean;
  /** True when the offset is within the bound and may be applied to the codes. */
  correct: boolean;
}

/** Whether an offset, measured now or stored earlier, is small enough to apply. */
export function withinCorrectionBound(offsetMs: number): boolean {
  return Number.isFinite(offsetMs) && Math.abs(offsetMs) <= CLOCK_MAX_CORRECTION_MS;
}

/**
 * Estimates the device clock's offset from a server's HTTP `Date` header (RFC 9110 §6.6.1), which
 * has one-second resolution: the header is taken as the middle of its second and compared with the
 * middle of the request's round trip. An offset no larger than what the measurement cannot tell
 * apart (half a second of the header, half the round trip) is reported as none, so a noisy check
 * never shifts the codes.
 */
export function offsetFromDateHeader(dateHeader: string, sentAt: number, receivedAt: number): ClockCheck {
  const serverTime = Date.parse(dateHeader);
  if (Number.isNaN(serverTime)) {
    throw new TypeError(t('badDateHeader', dateHeader));
  }
  const measured = Math.round(serverTime + 500 - (sentAt + receivedAt) / 2);
  const uncertaintyMs = 500 + Math.abs(receivedAt - sentAt) / 2;
  const offsetMs = Math.abs(measured) <= uncertaintyMs ? 0 : measured;
  return {
    offsetMs,
    warn: Math.abs(offsetMs) > CLOCK_WARNING_MS,
    correct: withinCorrectionBound(offsetMs),
  };
}

/** This computer: the verifier's development server listens on http://127.0.0.1:8787 by default. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks a user-typed verifier address before asking the browser for access to it. Only HTTPS: the
 * `Date` header of a plain http:// answer can be rewritten by anyone on the network path. The one
 * exception is a server on this computer, where there is no network path to intercept.
 */
export function parseVerifierUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new TypeError(t('verifierAddressIncomplete'));
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  throw new TypeError(
    url.protocol === 'http:' ? t('verifierAddressPlainHttp') : t('verifierAddressNotHttps'),
  );
}
