import type { Pixels } from './decode.ts';
import { clampRect } from './pixel-ops.ts';
import type { PixelRect } from './region.ts';

/** Whole-page captures wider than this are scaled down first: QR modules stay large, decoding stays fast. */
const MAX_WHOLE_PAGE_WIDTH = 1920;
/** A drag is read with this much of the page around it (fraction of its longer side), for the retries. */
const CONTEXT_FRACTION = 0.25;

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

/**
 * The dragged region with some of the page around it: the retries widen a drag that clipped the code.
 * `region` is where the drag lies inside the returned pixels.
 */
export function regionPixels(image: ImageBitmap, drag: PixelRect): { pixels: Pixels; region: PixelRect } {
  const extra = Math.round(Math.max(drag.width, drag.height) * CONTEXT_FRACTION);
  const around = clampRect(
    { x: drag.x - extra, y: drag.y - extra, width: drag.width + 2 * extra, height: drag.height + 2 * extra },
    image.width,
    image.height,
  );
  const ctx = context(around.width, around.height);
  ctx.drawImage(image, around.x, around.y, around.width, around.height, 0, 0, around.width, around.height);
  return {
    pixels: ctx.getImageData(0, 0, around.width, around.height),
    region: { x: drag.x - around.x, y: drag.y - around.y, width: drag.width, height: drag.height },
  };
}

export function wholePixels(image: ImageBitmap): Pixels {
  const scale = Math.min(1, MAX_WHOLE_PAGE_WIDTH / image.width);
  const width = Math.round(image.width * scale);
  const height = Math.round(image.height * scale);
  const ctx = context(width, height);
  ctx.drawImage(image, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}
