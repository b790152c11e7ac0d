import jsQR from 'jsqr';
import type { Pixels } from '../src/scan/decode.ts';

/**
 * Rasterises a QR code drawn by the transfer page's QrCode component (an SVG whose path is made of
 * `M x y h w v1 h-w z` runs) at `scale` pixels per module, as a screen would show it.
 */
export function pixelsOfQrSvg(svg: Element, scale = 4): Pixels {
  const size = Number(svg.getAttribute('viewBox')?.split(' ')[2]);
  const d = svg.querySelector('path')?.getAttribute('d') ?? '';
  if (!Number.isInteger(size) || size <= 0) throw new Error('the QR code has no square viewBox');
  const width = size * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let row = Number(y) * scale; row < (Number(y) + 1) * scale; row++) {
      const from = (row * width + Number(x) * scale) * 4;
      for (let offset = from; offset < from + Number(w) * scale * 4; offset += 4)
        data.fill(0, offset, offset + 3);
    }
  }
  return { data, width, height: width };
}

/** The text of a QrCode component's SVG, decoded with jsQR from its pixels. */
export function decodeQrSvg(svg: Element): string {
  const { data, width, height } = pixelsOfQrSvg(svg);
  const found = jsQR(data, width, height);
  if (!found) throw new Error('the drawn QR code does not decode');
  return found.data;
}
