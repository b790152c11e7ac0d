import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngSize } from './png.ts';
import { parseIconSvg, rasterise, renderIconPng } from './render-icon.ts';

const svg = readFileSync(resolve(import.meta.dirname, '../icons/icon.svg'), 'utf8');

function pixel(rgba: Uint8Array, size: number, x: number, y: number): number[] {
  return [...rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
}

describe('the icon renderer', () => {
  it('writes a PNG of the size asked for, whose pixels decode back as rendered', () => {
    const file = renderIconPng(svg, 32);
    expect([...file.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(file)).toEqual({ width: 32, height: 32 });
    // IDAT follows the 8-byte signature and the 25-byte IHDR chunk.
    const idatLength = file.readUInt32BE(33);
    const rows = inflateSync(file.subarray(41, 41 + idatLength));
    const rgba = rasterise(svg, 32);
    expect(rows[0]).toBe(0);
    expect([...rows.subarray(1, 129)]).toEqual([...rgba.subarray(0, 128)]);
  });

  it('draws a blue shield with a white key on a transparent background', () => {
    const rgba = rasterise(svg, 128);
    expect(pixel(rgba, 128, 1, 1)[3]).toBe(0); // outside the shield
    expect(pixel(rgba, 128, 30, 60)).toEqual([0x1f, 0x5f, 0xc9, 255]); // the shield
    expect(pixel(rgba, 128, 63, 80)).toEqual([255, 255, 255, 255]); // the key's shaft
    expect(pixel(rgba, 128, 64, 48)).toEqual([0x1f, 0x5f, 0xc9, 255]); // the hole in its bow
  });

  it('refuses SVG it cannot draw, naming what', () => {
    expect(() => parseIconSvg(svg.replace('<circle', '<ellipse'))).toThrow('<ellipse> is not supported');
    expect(() => parseIconSvg(svg.replace('fill="#ffffff"', 'fill="white"'))).toThrow('fill="#rrggbb"');
  });
});
