import { type PlacedCode, SCAN_PAGES, type ScanPage } from './scan-pages.ts';

/**
 * The scan scenarios both browsers' tests run on the generated pages, written once against what the
 * user does (open a page, press a button, drag) and reads (the popup's text).
 */
export interface ScanDriver {
  /** Opens the address in the page tab and brings it to the front. */
  open(url: string): Promise<void>;
  /** Presses Scan whole page and returns what the popup then says. */
  scanWholePage(): Promise<string>;
  /** Presses Scan QR code, drags the rectangle (CSS px) on the page and returns what the popup then says. */
  drag(rect: { x: number; y: number; width: number; height: number }): Promise<string>;
  /** Presses Scan QR code without a drag possible and returns what the popup says. */
  startDrag(): Promise<string>;
  /** Dismisses the scan result (OK or Cancel). */
  dismiss(): Promise<void>;
  /** The popup's whole text now. */
  popupText(): Promise<string>;
}

export const WEB_ADDRESS_SENTENCE = 'is a web address, not a two-factor setup code';

/** Whether the popup's text is what a user of this page should see after a whole-page scan. */
export function wholePageShowsRightResult(page: ScanPage, text: string): boolean {
  if (page.issuers.length === 0) return text.includes(WEB_ADDRESS_SENTENCE);
  const allNamed = page.issuers.every((issuer) => text.includes(issuer));
  if (page.issuers.length === 1) return allNamed && text.includes('Add this account?');
  return allNamed && text.includes(`${page.issuers.length} setup codes were found`);
}

/** Drags around the first code of single-code pages: inside its edge (negative) up to well outside. */
export const DRAG_MARGINS = [0, 5, 10, 20, -3] as const;

function around(code: PlacedCode, margin: number) {
  return {
    x: code.x - margin,
    y: code.y - margin,
    width: code.size + 2 * margin,
    height: code.size + 2 * margin,
  };
}

export interface ScanTally {
  wholePage: { passed: number; total: number; failed: string[] };
  drag: { passed: number; total: number; failed: string[] };
}

/** Runs every whole-page scan and every drag on the generated pages and counts what the user would see. */
export async function runScanPages(driver: ScanDriver, origin: string): Promise<ScanTally> {
  const tally: ScanTally = {
    wholePage: { passed: 0, total: 0, failed: [] },
    drag: { passed: 0, total: 0, failed: [] },
  };
  for (const page of SCAN_PAGES) {
    await driver.open(`${origin}${page.path}`);
    const text = await driver.scanWholePage();
    tally.wholePage.total++;
    if (wholePageShowsRightResult(page, text)) tally.wholePage.passed++;
    else tally.wholePage.failed.push(`${page.path}: ${text.slice(0, 160)}`);
    await driver.dismiss();

    const [code] = page.codes;
    if (page.codes.length !== 1 || page.issuers.length !== 1 || !code) continue;
    const margins = code.size === 200 ? DRAG_MARGINS : code.size === 80 ? [10] : [];
    for (const margin of margins) {
      const dragged = await driver.drag(around(code, margin));
      tally.drag.total++;
      const issuer = page.issuers[0] ?? '';
      if (dragged.includes('Add this account?') && dragged.includes(issuer)) tally.drag.passed++;
      else tally.drag.failed.push(`${page.path} margin ${margin}: ${dragged.slice(0, 160)}`);
      await driver.dismiss();
    }
  }
  return tally;
}

export const tallyLine = (browser: string, scale: number, tally: ScanTally) =>
  `${browser} at ${scale}x: whole page ${tally.wholePage.passed}/${tally.wholePage.total}, drag ${tally.drag.passed}/${tally.drag.total}`;
