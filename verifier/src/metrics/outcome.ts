/**
 * The outcome of an answer as a metrics label, read from its JSON body: the verify API's `reason`
 * (`accepted` when `ok`), an error's `code`, `accepted` for another 2xx answer.
 */

/** Only the project's own snake_case codes become labels; anything else could grow without bound. */
const LABEL = /^[a-z][a-z0-9_]{0,47}$/;
/** Outcome bodies are a few dozen bytes; a longer one is not worth parsing. */
const MAX_BODY = 2048;

export const ACCEPTED = 'accepted';
/** A refusal whose body did not say why in a form fit for a label. */
export const OTHER = 'other';

export function outcomeOf(status: number, payload: unknown): string {
  const fallback = status < 400 ? ACCEPTED : OTHER;
  if (typeof payload !== 'string' || payload.length > MAX_BODY || payload[0] !== '{') return fallback;
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return fallback;
  }
  if (typeof body !== 'object' || body === null) return fallback;
  const { ok, reason, error } = body as { ok?: unknown; reason?: unknown; error?: { code?: unknown } };
  if (ok === true) return ACCEPTED;
  const label = ok === false ? reason : error?.code;
  return typeof label === 'string' && LABEL.test(label) ? label : fallback;
}
