import type { Pixels } from './decode.ts';
import type { PixelRect } from './region.ts';

/** Whole-page captures wider than this are scaled down first: QR modules stay large, decoding stays fast. */
const MAX_WHOLE_PAGE_WIDTH = 1920;
/** A white border around a selection restores the quiet zone a tight drag cuts off (ISO/IEC 18004 §6.3.8). */
const QUIET_ZONE_FRACTION = 0.1;

/** Decodes a `captureVisibleTab` data URL; works in the service worker and in Firefox's background page. */
export async function loadCapture(dataUrl: string): Promise<ImageBitmap> {
  const blob = await (await fetch(dataUrl)).blob();
  return createImageBitmap(blob);
}

function context(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser offers no 2D canvas to read the captured page.');
  return ctx;
}

export function regionPixels(image: ImageBitmap, region: PixelRect): Pixels {
  const margin = Math.round(Math.max(region.width, region.height) * QUIET_ZONE_FRACTION);
  const width = region.width + 2 * margin;
  const height = region.height + 2 * margin;
  const ctx = context(width, height);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(
    image,
    region.x,
    region.y,
    region.width,
    region.height,
    margin,
    margin,
    region.width,
    region.height,
  );
  return ctx.getImageData(0, 0, width, height);
}

export function wholePixels(image: ImageBitmap): Pixels {
  const scale = Math.min(1, MAX_WHOLE_PAGE_WIDTH / image.width);
  const width = Math.round(image.width * scale);
  const height = Math.round(image.height * scale);
  const ctx = context(width, height);
  ctx.drawImage(image, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}
