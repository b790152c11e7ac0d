import { encodePng } from './png.ts';

/**
 * Renders the icon's SVG source to PNG without a graphics library. It reads only what the icon uses:
 * `path` (absolute M, L, C, Z), `circle` and `rect`, each filled with a #rrggbb colour and painted
 * in order; anything else is refused by name, so an edit the renderer cannot draw fails the build.
 */

type Point = [number, number];
interface Shape {
  polygon: Point[];
  color: [number, number, number];
}

const SUBSAMPLES = 4; // 4×4 samples per pixel for smooth edges
const CURVE_STEPS = 24;
const CIRCLE_STEPS = 96;

function attributes(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

function number(attrs: Record<string, string>, name: string, element: string): number {
  const value = Number(attrs[name]);
  if (!Number.isFinite(value)) throw new TypeError(`icon SVG: <${element}> needs a numeric ${name}`);
  return value;
}

function color(fill: string | undefined, element: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill ?? '');
  if (!match) throw new TypeError(`icon SVG: <${element}> needs fill="#rrggbb", not "${fill ?? ''}"`);
  return [1, 2, 3].map((i) => Number.parseInt(match[i] ?? '0', 16)) as [number, number, number];
}

function pathPolygon(d: string): Point[] {
  const tokens = d.match(/[MLCZ]|-?\d*\.?\d+/gi) ?? [];
  const points: Point[] = [];
  let i = 0;
  const next = (): number => Number(tokens[i++]);
  while (i < tokens.length) {
    const command = tokens[i++];
    if (command === 'M' || command === 'L') points.push([next(), next()]);
    else if (command === 'C') {
      const [x0, y0] = points.at(-1) ?? [0, 0];
      const [x1, y1, x2, y2, x3, y3] = [next(), next(), next(), next(), next(), next()];
      for (let step = 1; step <= CURVE_STEPS; step++) {
        const t = step / CURVE_STEPS;
        const u = 1 - t;
        points.push([
          u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
          u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3,
        ]);
      }
    } else if (command !== 'Z') throw new TypeError(`icon SVG: path command "${command}" is not supported`);
  }
  return points;
}

export function parseIconSvg(svg: string): { size: number; shapes: Shape[] } {
  const viewBox = /viewBox="0 0 (\d+) \1"/.exec(svg);
  if (!viewBox) throw new TypeError('icon SVG: needs a square viewBox="0 0 N N"');
  const shapes: Shape[] = [];
  for (const [, element = '', rest = ''] of svg
    .replace(/<!--[\s\S]*?-->/g, '')
    .matchAll(/<(\/?[\w:]+)([^>]*)>/g)) {
    if (['svg', '/svg', 'title', '/title'].includes(element)) continue;
    const attrs = attributes(rest);
    if (element === 'path') {
      shapes.push({ polygon: pathPolygon(attrs.d ?? ''), color: color(attrs.fill, element) });
    } else if (element === 'circle') {
      const [cx, cy, r] = ['cx', 'cy', 'r'].map((name) => number(attrs, name, element)) as [
        number,
        number,
        number,
      ];
      const polygon = Array.from({ length: CIRCLE_STEPS }, (_, k): Point => {
        const angle = (2 * Math.PI * k) / CIRCLE_STEPS;
        return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
      });
      shapes.push({ polygon, color: color(attrs.fill, element) });
    } else if (element === 'rect') {
      const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((name) =>
        number(attrs, name, element),
      ) as Point & number[];
      const polygon: Point[] = [
        [x, y],
        [x + (w ?? 0), y],
        [x + (w ?? 0), y + (h ?? 0)],
        [x, y + (h ?? 0)],
      ];
      shapes.push({ polygon, color: color(attrs.fill, element) });
    } else throw new TypeError(`icon SVG: <${element}> is not supported by the icon renderer`);
  }
  return { size: Number(viewBox[1]), shapes };
}

function inside(polygon: Point[], x: number, y: number): boolean {
  let result = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i] as Point;
    const [xj, yj] = polygon[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

/** The icon at `pixels`×`pixels` as straight-alpha RGBA. */
export function rasterise(svg: string, pixels: number): Uint8Array {
  const { size, shapes } = parseIconSvg(svg);
  const scale = size / pixels;
  const rgba = new Uint8Array(pixels * pixels * 4);
  for (let py = 0; py < pixels; py++) {
    for (let px = 0; px < pixels; px++) {
      // Premultiplied colour and alpha, painted shape over shape.
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const shape of shapes) {
        let hits = 0;
        for (let sy = 0; sy < SUBSAMPLES; sy++) {
          for (let sx = 0; sx < SUBSAMPLES; sx++) {
            const x = (px + (sx + 0.5) / SUBSAMPLES) * scale;
            const y = (py + (sy + 0.5) / SUBSAMPLES) * scale;
            if (inside(shape.polygon, x, y)) hits++;
          }
        }
        const coverage = hits / (SUBSAMPLES * SUBSAMPLES);
        r = shape.color[0] * coverage + r * (1 - coverage);
        g = shape.color[1] * coverage + g * (1 - coverage);
        b = shape.color[2] * coverage + b * (1 - coverage);
        a = coverage + a * (1 - coverage);
      }
      const offset = (py * pixels + px) * 4;
      rgba.set(a === 0 ? [0, 0, 0, 0] : [r / a, g / a, b / a, a * 255].map(Math.round), offset);
    }
  }
  return rgba;
}

export function renderIconPng(svg: string, pixels: number): Buffer {
  return encodePng(pixels, pixels, rasterise(svg, pixels));
}
