import type { Pixels } from './decode.ts';
import type { PixelRect } from './region.ts';

// Plain RGBA operations the scan retries need; pure so they run (and are tested) without a canvas.

export function blankPixels(width: number, height: number): Pixels {
  return { data: new Uint8ClampedArray(width * height * 4).fill(255), width, height };
}

/** Clamps a rectangle to the image; width or height 0 when nothing of it is inside. */
export function clampRect(rect: PixelRect, width: number, height: number): PixelRect {
  const x = Math.min(width, Math.max(0, Math.floor(rect.x)));
  const y = Math.min(height, Math.max(0, Math.floor(rect.y)));
  const right = Math.min(width, Math.max(x, Math.ceil(rect.x + rect.width)));
  const bottom = Math.min(height, Math.max(y, Math.ceil(rect.y + rect.height)));
  return { x, y, width: right - x, height: bottom - y };
}

export function crop(source: Pixels, rect: PixelRect): Pixels {
  const r = clampRect(rect, source.width, source.height);
  const data = new Uint8ClampedArray(r.width * r.height * 4);
  for (let row = 0; row < r.height; row++) {
    const from = ((r.y + row) * source.width + r.x) * 4;
    data.set(source.data.subarray(from, from + r.width * 4), row * r.width * 4);
  }
  return { data, width: r.width, height: r.height };
}

/** The image on a white border `margin` pixels wide: a quiet zone for a code cut close. */
export function pad(source: Pixels, margin: number): Pixels {
  const m = Math.max(0, Math.round(margin));
  const out = blankPixels(source.width + 2 * m, source.height + 2 * m);
  for (let row = 0; row < source.height; row++) {
    const from = row * source.width * 4;
    out.data.set(source.data.subarray(from, from + source.width * 4), ((row + m) * out.width + m) * 4);
  }
  return out;
}

/** Paints a rectangle white, so a decoded code no longer hides the ones beside it. */
export function whiteOut(target: Pixels, rect: PixelRect): void {
  const r = clampRect(rect, target.width, target.height);
  for (let row = r.y; row < r.y + r.height; row++) {
    target.data.fill(255, (row * target.width + r.x) * 4, (row * target.width + r.x + r.width) * 4);
  }
}

/**
 * Resized by `factor`: an area average when shrinking, bilinear when enlarging, the way a browser
 * scales an image, so thin modules keep their weight instead of dropping out. Grey output.
 */
export function resize(source: Pixels, factor: number): Pixels {
  const width = Math.max(1, Math.round(source.width * factor));
  const height = Math.max(1, Math.round(source.height * factor));
  const grey = greyPlane(source);
  const out = new Uint8ClampedArray(width * height * 4);
  const sx = source.width / width;
  const sy = source.height / height;
  const sample = factor < 1 ? areaAverage : bilinear;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = sample(grey, source.width, source.height, x, y, sx, sy);
      const o = (y * width + x) * 4;
      out[o] = value;
      out[o + 1] = value;
      out[o + 2] = value;
      out[o + 3] = 255;
    }
  }
  return { data: out, width, height };
}

/** Grey levels (the luminance weights jsQR uses), one per pixel. */
function greyPlane(source: Pixels): Float32Array {
  const grey = new Float32Array(source.width * source.height);
  const d = source.data;
  for (let i = 0, o = 0; i < grey.length; i++, o += 4) {
    grey[i] = 0.2126 * (d[o] ?? 255) + 0.7152 * (d[o + 1] ?? 255) + 0.0722 * (d[o + 2] ?? 255);
  }
  return grey;
}

type Sampler = (
  grey: Float32Array,
  w: number,
  h: number,
  x: number,
  y: number,
  sx: number,
  sy: number,
) => number;

const areaAverage: Sampler = (grey, w, h, x, y, sx, sy) => {
  const x0 = Math.floor(x * sx);
  const y0 = Math.floor(y * sy);
  const x1 = Math.min(w, Math.max(x0 + 1, Math.floor((x + 1) * sx)));
  const y1 = Math.min(h, Math.max(y0 + 1, Math.floor((y + 1) * sy)));
  let sum = 0;
  for (let row = y0; row < y1; row++) for (let col = x0; col < x1; col++) sum += grey[row * w + col] ?? 255;
  return sum / ((x1 - x0) * (y1 - y0));
};

const bilinear: Sampler = (grey, w, h, x, y, sx, sy) => {
  const fx = Math.max(0, (x + 0.5) * sx - 0.5);
  const fy = Math.max(0, (y + 0.5) * sy - 0.5);
  const x0 = Math.min(w - 1, Math.floor(fx));
  const y0 = Math.min(h - 1, Math.floor(fy));
  const x1 = Math.min(w - 1, x0 + 1);
  const y1 = Math.min(h - 1, y0 + 1);
  const ax = fx - x0;
  const ay = fy - y0;
  const at = (col: number, row: number) => grey[row * w + col] ?? 255;
  const top = at(x0, y0) * (1 - ax) + at(x1, y0) * ax;
  const bottom = at(x0, y1) * (1 - ax) + at(x1, y1) * ax;
  return top * (1 - ay) + bottom * ay;
};
