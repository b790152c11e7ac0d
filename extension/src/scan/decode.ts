import jsQR from 'jsqr';

/** Pixels as ImageData holds them: RGBA, row by row. */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** The text of the QR code in the pixels, or `null` when there is none that decodes. */
export function decodeQr(pixels: Pixels): string | null {
  if (pixels.width === 0 || pixels.height === 0) return null;
  // Pages show dark-on-light codes; light-on-dark is tried only when that finds nothing.
  const found = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' });
  return found && found.data !== '' ? found.data : null;
}
