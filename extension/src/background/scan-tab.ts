import overlayScript from '../content/selection-overlay.ts?iife';
import { browser } from '../platform/browser.ts';
import { loadCapture, regionPixels, wholePixels } from '../scan/capture-image.ts';
import { decodeQr } from '../scan/decode.ts';
import { savePendingScan } from '../scan/pending.ts';
import { type Selection, selectionToPixels } from '../scan/region.ts';
import type { ScanReply } from './messages.ts';

/** Captures what the tab shows. The tab is brought to the front first: only the visible tab can be captured. */
async function capture(tabId: number): Promise<ImageBitmap> {
  const tab = await browser.tabs.get(tabId);
  if (!tab.active) await browser.tabs.update(tabId, { active: true });
  const dataUrl = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
  return loadCapture(dataUrl);
}

function failure(error: unknown): ScanReply {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    message: `This page cannot be scanned (${detail}). Browser pages and the extension store are off limits.`,
  };
}

/** "Scan whole page": decode the first QR code anywhere in the visible area. */
export async function scanWholePage(tabId: number): Promise<ScanReply> {
  try {
    const image = await capture(tabId);
    const text = decodeQr(wholePixels(image));
    image.close();
    await savePendingScan(browser.storage.session, { text, mode: 'page', at: Date.now() });
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/** "Scan QR code": show the selection overlay; the page reports back with `scanSelection`. */
export async function startSelection(tabId: number): Promise<ScanReply> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [overlayScript] });
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function scanSelection(tabId: number, selection: Selection): Promise<void> {
  let text: string | null = null;
  try {
    const image = await capture(tabId);
    const region = selectionToPixels(selection, image.width, image.height);
    text = region.width > 0 && region.height > 0 ? decodeQr(regionPixels(image, region)) : null;
    image.close();
  } finally {
    await savePendingScan(browser.storage.session, { text, mode: 'selection', at: Date.now() });
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
