import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectionToPixels } from './region.ts';

describe('mapping a selection onto the captured tab', () => {
  it('scales by the device pixel ratio when the capture is twice the viewport', () => {
    const selection = {
      rect: { x: 100, y: 50, width: 200, height: 210 },
      devicePixelRatio: 2,
      viewportWidth: 640,
      viewportHeight: 360,
    };
    expect(selectionToPixels(selection, 1280, 720)).toEqual({ x: 200, y: 100, width: 400, height: 420 });
  });

  it('uses the capture size rather than the ratio when the page is zoomed', () => {
    const selection = {
      rect: { x: 10, y: 10, width: 100, height: 100 },
      devicePixelRatio: 1.5,
      viewportWidth: 1000,
      viewportHeight: 500,
    };
    expect(selectionToPixels(selection, 1500, 750)).toEqual({ x: 15, y: 15, width: 150, height: 150 });
  });

  it('always stays inside the image, whatever the selection', () => {
    fc.assert(
      fc.property(
        fc.record({
          x: fc.double({ min: -500, max: 3000, noNaN: true }),
          y: fc.double({ min: -500, max: 3000, noNaN: true }),
          width: fc.double({ min: 0, max: 3000, noNaN: true }),
          height: fc.double({ min: 0, max: 3000, noNaN: true }),
        }),
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: 1, max: 4000 }),
        (rect, w, h) => {
          const px = selectionToPixels(
            { rect, devicePixelRatio: 2, viewportWidth: w / 2, viewportHeight: h / 2 },
            w,
            h,
          );
          expect(px.x).toBeGreaterThanOrEqual(0);
          expect(px.y).toBeGreaterThanOrEqual(0);
          expect(px.x + px.width).toBeLessThanOrEqual(w);
          expect(px.y + px.height).toBeLessThanOrEqual(h);
        },
      ),
    );
  });
});
