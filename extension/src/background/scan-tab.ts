import overlayScript from '../content/selection-overlay.ts?iife';
import { browser } from '../platform/browser.ts';
import { loadCapture, regionPixels, wholePixels } from '../scan/capture-image.ts';
import { findInRegion, findQrTexts } from '../scan/find-codes.ts';
import { pageIcon } from '../scan/page-icon.ts';
import { savePendingScan } from '../scan/pending.ts';
import { type Selection, selectionToPixels } from '../scan/region.ts';
import { CANNOT_CAPTURE_MESSAGE, restrictedPageMessage, type ScanKind } from '../scan/restricted-page.ts';
import type { ScanReply } from './messages.ts';

/** Captures what the tab shows. The tab is brought to the front first: only the visible tab can be captured. */
async function capture(tabId: number): Promise<ImageBitmap> {
  const tab = await browser.tabs.get(tabId);
  if (!tab.active) await browser.tabs.update(tabId, { active: true });
  const dataUrl = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
  return loadCapture(dataUrl);
}

/**
 * A page the browser keeps from extensions is named before anything is tried. The tab's address is
 * known when the extension may see it (activeTab after the click, or the test build's host access);
 * otherwise the browser's refusal is answered with the general sentence, never its raw error.
 */
async function refusal(tabId: number, kind: ScanKind): Promise<ScanReply | null> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  const message = restrictedPageMessage(tab?.url, kind);
  return message ? { ok: false, message } : null;
}

const cannotCapture: ScanReply = { ok: false, message: CANNOT_CAPTURE_MESSAGE };

/** "Scan whole page": every QR code in the visible area; the popup offers the setup codes among them. */
export async function scanWholePage(tabId: number): Promise<ScanReply> {
  const refused = await refusal(tabId, 'page');
  if (refused) return refused;
  let image: ImageBitmap;
  try {
    image = await capture(tabId);
  } catch {
    return cannotCapture;
  }
  const texts = findQrTexts(wholePixels(image));
  image.close();
  const icon = texts.length > 0 ? await pageIcon(tabId) : undefined;
  await savePendingScan(browser.storage.session, {
    texts,
    mode: 'page',
    at: Date.now(),
    ...(icon && { icon }),
  });
  return { ok: true };
}

/** "Scan QR code": show the selection overlay; the page reports back with `scanSelection`. */
export async function startSelection(tabId: number): Promise<ScanReply> {
  const refused = await refusal(tabId, 'selection');
  if (refused) return refused;
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [overlayScript] });
    return { ok: true };
  } catch {
    return cannotCapture;
  }
}

export async function scanSelection(tabId: number, selection: Selection): Promise<void> {
  let texts: string[] = [];
  let icon: string | undefined;
  try {
    const image = await capture(tabId);
    const drag = selectionToPixels(selection, image.width, image.height);
    if (drag.width > 0 && drag.height > 0) {
      const { pixels, region } = regionPixels(image, drag);
      texts = findInRegion(pixels, region);
    }
    image.close();
    if (texts.length > 0) icon = await pageIcon(tabId);
  } finally {
    await savePendingScan(browser.storage.session, {
      texts,
      mode: 'selection',
      at: Date.now(),
      ...(icon && { icon }),
    });
  }
  await reopenPopup();
}

/** The popup closed when the user clicked the page; bring it back where the browser allows it. */
async function reopenPopup(): Promise<void> {
  try {
    await browser.action.openPopup();
  } catch {
    // Firefox allows this only during a user action; the result waits for the next time the popup opens.
  }
}
