import fc from 'fast-check';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { QUIET_ZONE, qrPath } from './qr-path.ts';

const SCALE = 4;

/** Paints the path's runs into RGBA pixels, as a browser draws the SVG, so a scanner can read it. */
function paint({ size, d }: { size: number; d: string }) {
  const width = size * SCALE;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let row = Number(y) * SCALE; row < (Number(y) + 1) * SCALE; row++) {
      for (let col = Number(x) * SCALE; col < (Number(x) + Number(w)) * SCALE; col++) {
        data.fill(0, (row * width + col) * 4, (row * width + col) * 4 + 3);
      }
    }
  }
  return { data, width };
}

describe('qrPath', () => {
  it('draws a QR code that a scanner reads back as the otpauth URI', () => {
    const uri =
      'otpauth://totp/Acme%20Support:pat?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme%20Support';
    const { data, width } = paint(qrPath(uri));
    expect(jsQR(data, width, width)?.data).toBe(uri);
  });

  it('reads back any text, with the quiet zone scanners need kept free', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 120 }), (text) => {
        const path = qrPath(text);
        const { data, width } = paint(path);
        expect(jsQR(data, width, width)?.data).toBe(text);
        const starts = [...path.d.matchAll(/M(\d+) (\d+)h(\d+)/g)];
        for (const [, x, y, w] of starts) {
          expect(Number(x)).toBeGreaterThanOrEqual(QUIET_ZONE);
          expect(Number(y)).toBeGreaterThanOrEqual(QUIET_ZONE);
          expect(Number(x) + Number(w)).toBeLessThanOrEqual(path.size - QUIET_ZONE);
        }
      }),
      { numRuns: 25 },
    );
  });
});
