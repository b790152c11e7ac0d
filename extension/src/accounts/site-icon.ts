/**
 * An account's icon: the site's favicon as the page had already loaded it at scan time, redrawn as
 * a small PNG and kept in the vault as a data: URL. It stays small (a sync of the accounts may carry
 * it to storage.sync, whose items are a few KB), and anything not exactly such a PNG is dropped,
 * never shown: the row then shows the letter avatar.
 */

/** The side of the square the icon is drawn at, in pixels (twice the row's 24 CSS px would be 48). */
export const ICON_SIZE = 32;

/** The most bytes an icon's PNG may have; its data: URL is about 4/3 of that. */
export const ICON_MAX_BYTES = 3072;

const PREFIX = 'data:image/png;base64,';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The PNG bytes of a data: URL as this module writes them, or null. */
function pngBytes(url: string): Uint8Array | null {
  if (!url.startsWith(PREFIX)) return null;
  const base64 = url.slice(PREFIX.length);
  if (base64.length > Math.ceil(ICON_MAX_BYTES / 3) * 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64))
    return null;
  try {
    return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * The icon if `value` is one: a base64 PNG data: URL of at most ICON_MAX_BYTES whose header (RFC
 * 2083 §4.1.1, IHDR first) says 1 to ICON_SIZE pixels a side; otherwise undefined.
 */
export function checkIcon(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const bytes = pngBytes(value);
  if (!bytes || bytes.length < 33 || bytes.length > ICON_MAX_BYTES) return undefined;
  if (!PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ihdr = String.fromCharCode(...bytes.subarray(12, 16));
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (ihdr !== 'IHDR' || width < 1 || height < 1 || width > ICON_SIZE || height > ICON_SIZE) return undefined;
  return value;
}

/** A PNG's bytes as the data: URL kept in the vault. */
export function iconUrl(png: Uint8Array): string {
  let binary = '';
  for (const byte of png) binary += String.fromCharCode(byte);
  return PREFIX + btoa(binary);
}
