import jsQR, { type QRCode } from 'jsqr';
import type { Pixels } from './decode.ts';
import { crop, pad, resize, whiteOut } from './pixel-ops.ts';
import type { PixelRect } from './region.ts';

/**
 * Finding every QR code in a capture. jsQR reads one code per call and, with two codes in view,
 * often combines finder patterns of both and reads none. So: read the whole image, paint each code
 * found white and read again; then read overlapping halves and thirds of the image, where codes
 * side by side or stacked come one at a time.
 */

/** A page never shows more codes than this; the cap also bounds the work on a hostile page. */
const MAX_CODES = 8;

type Inversion = 'attemptBoth' | 'dontInvert';

function read(pixels: Pixels, inversion: Inversion): QRCode | null {
  if (pixels.width < 21 || pixels.height < 21) return null;
  const found = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: inversion });
  return found && found.data !== '' ? found : null;
}

/** The code's bounding box in the image, widened by one sixth of its side to take its quiet zone. */
function footprint(found: QRCode, offset: { x: number; y: number }): PixelRect {
  const { topLeftCorner: a, topRightCorner: b, bottomLeftCorner: c, bottomRightCorner: d } = found.location;
  const xs = [a.x, b.x, c.x, d.x];
  const ys = [a.y, b.y, c.y, d.y];
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  const side = Math.max(Math.max(...xs) - left, Math.max(...ys) - top);
  const grow = side / 6;
  return {
    x: offset.x + left - grow,
    y: offset.y + top - grow,
    width: side + 2 * grow,
    height: side + 2 * grow,
  };
}

/** Overlapping windows of the image: halves side by side, halves stacked, then thirds side by side. */
function scanWindows(width: number, height: number): PixelRect[] {
  const windows: PixelRect[] = [];
  const w = width / 2;
  const h = height / 2;
  for (const x of [0, width / 4, w]) windows.push({ x, y: 0, width: w, height });
  for (const y of [0, height / 4, h]) windows.push({ x: 0, y, width, height: h });
  // Thirds side by side catch two codes close together within one half.
  for (const x of [0, width / 6, width / 3, width / 2, (2 * width) / 3])
    windows.push({ x, y: 0, width: width / 3, height });
  return windows;
}

/** The texts of every QR code found in the image, each once, in the order found. */
export function findQrTexts(image: Pixels): string[] {
  const work: Pixels = { data: new Uint8ClampedArray(image.data), width: image.width, height: image.height };
  const texts: string[] = [];
  const full = { x: 0, y: 0, width: image.width, height: image.height };

  // Reads the window until it shows nothing more; true when it found a new code.
  const sweep = (rect: PixelRect, firstInversion: Inversion): boolean => {
    let foundNew = false;
    let inversion = firstInversion;
    while (texts.length < MAX_CODES) {
      const part = rect === full ? work : crop(work, rect);
      const found = read(part, inversion);
      inversion = 'dontInvert';
      if (!found) break;
      whiteOut(work, footprint(found, rect));
      if (!texts.includes(found.data)) {
        texts.push(found.data);
        foundNew = true;
      }
    }
    return foundNew;
  };

  // Light-on-dark codes are rare: only the first read of the whole image tries them.
  sweep(full, 'attemptBoth');
  // Windows cost several reads each; they are for the captures where codes hid one another (two
  // codes in view that jsQR reads as none), not for the usual page with one readable code.
  if (texts.length > 0) return texts;
  for (const window of scanWindows(image.width, image.height)) {
    if (sweep(window, 'dontInvert')) sweep(full, 'dontInvert');
  }
  return texts;
}

/**
 * A dragged region, read as the user cut it and then with more room: a white border of 10 % and
 * 25 % (a quiet zone cut off), the page around the drag (a code clipped by the drag), and enlarged
 * (a small code). `context` is the capture around the region, `region` where the drag is inside it.
 */
export function findInRegion(context: Pixels, region: PixelRect): string[] {
  const dragged = crop(context, region);
  const side = Math.max(region.width, region.height);
  const around = (fraction: number) =>
    crop(context, {
      x: region.x - side * fraction,
      y: region.y - side * fraction,
      width: region.width + 2 * side * fraction,
      height: region.height + 2 * side * fraction,
    });
  const attempts: (() => Pixels)[] = [
    () => pad(dragged, side * 0.1),
    () => dragged,
    () => pad(dragged, side * 0.25),
    () => pad(around(0.05), side * 0.1),
    () => pad(around(0.15), side * 0.1),
    () => resize(pad(dragged, side * 0.1), 2),
    () => resize(pad(dragged, side * 0.1), 0.5),
  ];
  for (const attempt of attempts) {
    const found = read(attempt(), 'attemptBoth');
    if (found) return [found.data];
  }
  // Several codes in the drag, or one among other things: read it as a page.
  return findQrTexts(pad(dragged, side * 0.1));
}
