/**
 * Whole-page scan of a 1280×720 capture with 0, 1 and 2 codes: one jsQR read (what the scan did
 * before it looked for every code) against findQrTexts (the whole image again after painting each
 * code found white, then overlapping halves). "before: one jsQR read ×" is how many times faster the
 * single read is, the price of finding every code. `npm run bench scan`.
 */
import type { Harness } from '../../shared/bench/harness.ts';
import { decodeQr } from '../src/scan/decode.ts';
import { findQrTexts } from '../src/scan/find-codes.ts';
import { TEST_URI } from '../test-support/qr-page.ts';
import { pageWithQr } from './qr-capture.ts';

export default async function scanBench(harness: Harness): Promise<void> {
  let sink = 0;
  const second = TEST_URI.replace('Example%20Portal', 'Second%20Portal');
  const layouts: [string, string[]][] = [
    ['no code', []],
    ['1 code', [TEST_URI]],
    ['2 codes side by side', [TEST_URI, second]],
  ];
  for (const [name, texts] of layouts) {
    const capture = pageWithQr(1280, 720, { x: 240, y: 180 }, 4, texts);
    if (findQrTexts(capture).length !== texts.length) throw new Error(`benchmark page "${name}" misread`);
    const result = await harness.compare({
      title: `whole-page scan, 1280×720, ${name}: one read (before) vs every code (after)`,
      subject: 'before: one jsQR read',
      cases: {
        'before: one jsQR read': () => {
          sink += decodeQr(capture)?.length ?? 0;
        },
        'after: findQrTexts': () => {
          sink += findQrTexts(capture).length;
        },
      },
    });
    const [before, after] = result.rows;
    if (before && after)
      harness.note(
        `${name}: before ${(before.p50Microseconds / 1000).toFixed(0)} ms, after ${(after.p50Microseconds / 1000).toFixed(0)} ms (median), after/before = ${(before.opsPerSecond / after.opsPerSecond).toFixed(2)}×; codes found before ${decodeQr(capture) ? 1 : 0}, after ${findQrTexts(capture).length}`,
      );
  }
  if (sink === 0) harness.note('');
}
