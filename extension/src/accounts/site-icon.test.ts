import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../build/png.ts';
import { checkIcon, ICON_MAX_BYTES, ICON_SIZE, iconUrl } from './site-icon.ts';

// An icon read from a vault or a backup file is shown only when it is a small PNG; anything else
// is left out, so the row shows the letter avatar and the account still opens.

const png = (width: number, height: number) =>
  new Uint8Array(encodePng(width, height, new Uint8Array(width * height * 4).fill(200)));

describe('checking an account icon', () => {
  it('keeps a small PNG of up to 32 pixels a side, as written', () => {
    for (const [w, h] of [
      [1, 1],
      [ICON_SIZE, ICON_SIZE],
      [16, 32],
    ] as const) {
      const url = iconUrl(png(w, h));
      expect(checkIcon(url)).toBe(url);
    }
  });

  it('leaves out a larger picture, another format, a byte too many and what is not a string', () => {
    expect(checkIcon(iconUrl(png(ICON_SIZE + 1, 8)))).toBeUndefined();
    expect(checkIcon(iconUrl(png(8, ICON_SIZE + 1)))).toBeUndefined();
    const big = new Uint8Array(ICON_MAX_BYTES + 1);
    big.set(png(8, 8));
    expect(checkIcon(iconUrl(big))).toBeUndefined();
    expect(checkIcon(iconUrl(png(8, 8)).replace('image/png', 'image/svg+xml'))).toBeUndefined();
    expect(checkIcon('data:image/png;base64,PHN2Zz4=')).toBeUndefined();
    expect(checkIcon('https://example.com/favicon.png')).toBeUndefined();
    for (const value of [undefined, null, 42, {}, ['x']]) expect(checkIcon(value)).toBeUndefined();
  });

  it('gives back the same text or nothing for any value, and never throws', () => {
    const nearPng = fc.tuple(fc.uint8Array({ maxLength: 64 }), fc.nat(40), fc.nat(40)).map(([tail, w, h]) => {
      const bytes = png(Math.max(w, 1), Math.max(h, 1));
      const mutated = new Uint8Array([...bytes.subarray(0, 24), ...tail]);
      return iconUrl(mutated);
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue(),
          nearPng,
          fc.string().map((s) => `data:image/png;base64,${s}`),
        ),
        (value) => {
          const checked = checkIcon(value);
          if (checked !== undefined) {
            expect(checked).toBe(value);
            expect(typeof value === 'string' && value.startsWith('data:image/png;base64,')).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('accepts exactly the PNG headers of 1 to 32 pixels a side', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), (w, h) => {
        const accepted = checkIcon(iconUrl(png(w, h))) !== undefined;
        expect(accepted).toBe(w <= ICON_SIZE && h <= ICON_SIZE);
      }),
      { numRuns: 200 },
    );
  });
});
