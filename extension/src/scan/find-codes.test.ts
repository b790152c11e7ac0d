import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQr, type Pixels } from './decode.ts';
import { findInRegion, findQrTexts } from './find-codes.ts';
import { blankPixels, crop, pad } from './pixel-ops.ts';

const otp = (issuer: string) =>
  `otpauth://totp/${encodeURIComponent(issuer)}:ana?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=${encodeURIComponent(issuer)}`;
const LINK = 'https://apps.example.com/store/authenticator-app?platform=ios&ref=enrol';

interface Drawn {
  text: string;
  x: number;
  y: number;
  /** Side in pixels, quiet zone of `quiet` modules included. */
  side: number;
  quiet?: number;
}

/** A page-sized white image with grey text-like bars and the given codes drawn on it. */
function pageWith(width: number, height: number, codes: Drawn[]): Pixels {
  const image = blankPixels(width, height);
  for (let y = 20; y < height; y += 70) {
    for (let x = 20; x < width - 150; x += 300) {
      for (let dy = 0; dy < 12; dy++) {
        const from = ((y + dy) * width + x) * 4;
        image.data.fill(110, from, from + 140 * 4);
      }
    }
  }
  for (const code of codes) {
    const modules = QRCode.create(code.text, { errorCorrectionLevel: 'M' }).modules;
    const quiet = code.quiet ?? 2;
    const count = modules.size + 2 * quiet;
    for (let y = 0; y < code.side; y++) {
      for (let x = 0; x < code.side; x++) {
        const row = Math.floor((y * count) / code.side) - quiet;
        const col = Math.floor((x * count) / code.side) - quiet;
        const dark =
          row >= 0 && col >= 0 && row < modules.size && col < modules.size && modules.get(row, col);
        const o = ((code.y + y) * width + code.x + x) * 4;
        image.data.fill(dark ? 0 : 255, o, o + 3);
      }
    }
  }
  return image;
}

describe('finding every QR code in a capture', () => {
  it('finds one code on a page', () => {
    expect(findQrTexts(pageWith(1280, 720, [{ text: otp('One'), x: 500, y: 200, side: 200 }]))).toEqual([
      otp('One'),
    ]);
  });

  it('finds both codes when two stand side by side, which a single read does not', () => {
    const page = pageWith(1280, 720, [
      { text: otp('Work mail'), x: 300, y: 200, side: 200 },
      { text: otp('Payroll'), x: 640, y: 200, side: 200 },
    ]);
    expect(decodeQr(page)).toBeNull();
    expect(findQrTexts(page).sort()).toEqual([otp('Payroll'), otp('Work mail')]);
  });

  it('finds both codes when they stand close together in one half of the page', () => {
    const page = pageWith(1280, 720, [
      { text: otp('Left'), x: 180, y: 200, side: 200 },
      { text: otp('Right'), x: 440, y: 200, side: 200 },
    ]);
    expect(findQrTexts(page).sort()).toEqual([otp('Left'), otp('Right')]);
  });

  it('finds both codes when one stands above the other', () => {
    const page = pageWith(1280, 720, [
      { text: otp('Staging'), x: 520, y: 90, side: 150 },
      { text: otp('Production'), x: 520, y: 330, side: 150 },
    ]);
    expect(findQrTexts(page).sort()).toEqual([otp('Production'), otp('Staging')]);
  });

  it('finds a setup code beside a web address code, and both are reported', () => {
    const page = pageWith(1280, 720, [
      { text: LINK, x: 300, y: 200, side: 200 },
      { text: otp('Bank'), x: 640, y: 200, side: 200 },
    ]);
    expect(findQrTexts(page).sort()).toEqual([LINK, otp('Bank')].sort());
  });

  it('finds nothing on a page without a code', () => {
    expect(findQrTexts(pageWith(1280, 720, []))).toEqual([]);
  });

  it('reports each code once even when the same code is shown twice', () => {
    const page = pageWith(1280, 720, [
      { text: otp('Same'), x: 200, y: 200, side: 200 },
      { text: otp('Same'), x: 800, y: 200, side: 200 },
    ]);
    expect(findQrTexts(page)).toEqual([otp('Same')]);
  });
});

describe('reading a dragged region', () => {
  const code = { text: otp('Dragged'), x: 400, y: 150, side: 220 };
  const page = pageWith(1280, 720, [code]);

  it('reads a drag at any margin from 20 px inside the code’s quiet zone to 30 px outside it', () => {
    // Two modules of quiet zone are about 9 px here: -8 cuts it nearly off.
    for (const margin of [-8, -5, -3, 0, 5, 10, 12, 20, 30]) {
      const region = {
        x: code.x - margin,
        y: code.y - margin,
        width: code.side + 2 * margin,
        height: code.side + 2 * margin,
      };
      expect(findInRegion(page, region), `margin ${margin}`).toEqual([code.text]);
    }
  });

  it('reads a drag that cuts into the code itself, from the page around it', () => {
    const region = { x: code.x + 18, y: code.y + 18, width: code.side - 36, height: code.side - 36 };
    // The region alone on a white border, as a scan read it before, does not decode.
    expect(decodeQr(pad(crop(page, region), 22))).toBeNull();
    expect(findInRegion(page, region)).toEqual([code.text]);
  });

  it('finds nothing in a drag over text only', () => {
    expect(findInRegion(page, { x: 10, y: 10, width: 300, height: 120 })).toEqual([]);
  });

  it('never throws, whatever the region, and only ever reports the code on the page', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100, max: 1400 }),
        fc.integer({ min: -100, max: 800 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 600 }),
        (x, y, width, height) => {
          for (const text of findInRegion(page, { x, y, width, height })) expect(text).toBe(code.text);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('crops only what is inside the image', () => {
    expect(crop(page, { x: -10, y: -10, width: 20, height: 20 })).toMatchObject({ width: 10, height: 10 });
  });
});
