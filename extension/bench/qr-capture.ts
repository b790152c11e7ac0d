import QRCode from 'qrcode';
import type { Pixels } from '../src/scan/decode.ts';
import { TEST_URI } from '../test-support/qr-page.ts';

// Captures drawn in memory for the scan benchmarks: a page with grey blocks and QR codes on it.

/** A white RGBA image with the QR codes of `texts` (TEST_URI by default) drawn at `scale` pixels per module. */
export function pageWithQr(
  width: number,
  height: number,
  at: { x: number; y: number },
  scale: number,
  texts: string[] = [TEST_URI],
  gap = 60,
): Pixels {
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  // Some grey blocks, as text and pictures on a real page.
  for (let y = 40; y < height; y += 90) {
    for (let x = 30; x < width - 200; x += 260) {
      for (let dy = 0; dy < 14; dy++) {
        for (let dx = 0; dx < 180; dx++)
          data.fill(90, ((y + dy) * width + x + dx) * 4, ((y + dy) * width + x + dx) * 4 + 3);
      }
    }
  }
  let left = at.x;
  for (const text of texts) {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    const quiet = 4;
    const side = (qr.size + 2 * quiet) * scale;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const row = Math.floor(y / scale) - quiet;
        const col = Math.floor(x / scale) - quiet;
        const dark = row >= 0 && col >= 0 && row < qr.size && col < qr.size && qr.get(row, col);
        const offset = ((at.y + y) * width + left + x) * 4;
        data.fill(dark ? 0 : 255, offset, offset + 3);
      }
    }
    left += side + gap;
  }
  return { data, width, height };
}

export function crop(source: Pixels, x: number, y: number, width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * source.width + x) * 4;
    data.set(source.data.subarray(from, from + width * 4), row * width * 4);
  }
  return { data, width, height };
}
