// Small text helpers for what the pages show and accept.

/** Keeps the digits of what was typed or pasted, at most `max` of them (spaces and dashes fall away). */
export function onlyDigits(text: string, max: number): string {
  return text.replace(/\D+/g, '').slice(0, max);
}

/**
 * An address shown to someone who has so far given only a password: its first letter and its domain,
 * enough for the owner to recognise it (`e…@example.com`).
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return address === '' ? '' : `${address.slice(0, 1)}…`;
  return `${address.slice(0, 1)}…${address.slice(at)}`;
}

/** A base32 setup key in groups of four, so a person can read it aloud or type it without losing their place. */
export function groupForReading(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** A timestamp in the reader's own locale and time zone; an empty value reads as a dash. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Start of a local calendar day (`yyyy-mm-dd` from a date field) as an ISO instant. */
export function startOfDay(day: string): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** End of a local calendar day as an ISO instant, so a "to" date includes the whole day. */
export function endOfDay(day: string): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T23:59:59.999`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Audit detail as one readable line whatever its shape. */
export function describeDetail(detail: unknown): string {
  if (detail === null || detail === undefined || detail === '') return '';
  if (typeof detail === 'string') return detail;
  if (typeof detail === 'object') {
    return Object.entries(detail as Record<string, unknown>)
      .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
      .join(', ');
  }
  return String(detail);
}
