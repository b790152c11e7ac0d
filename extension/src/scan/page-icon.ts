import { checkIcon, ICON_SIZE, iconUrl } from '../accounts/site-icon.ts';
import { browser } from '../platform/browser.ts';

/**
 * The scanned site's icon for the accounts found there, read only from what the browser already
 * holds (nothing is fetched from the network): the page's own same-origin icon from the cache, or
 * the tab's icon when the browser gives it as a data: URL. It is redrawn at ICON_SIZE as a PNG in
 * the extension and kept only if it decodes and passes checkIcon.
 */

/** The largest icon file read from the page before it is redrawn. */
const MAX_SOURCE_BYTES = 64 * 1024;

/**
 * Runs in the page (scripting.executeScript, so it must stand alone): the first of its icons that
 * is same-origin and already cached, as a data: URL. `only-if-cached` never goes to the network.
 */
async function readCachedIcon(maxBytes: number): Promise<string | null> {
  const declared = [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon" i]')].map((l) => l.href);
  const hrefs = [...declared, new URL('/favicon.ico', location.href).href].filter(
    (href) => URL.canParse(href) && new URL(href).origin === location.origin,
  );
  for (const href of hrefs) {
    try {
      const response = await fetch(href, { cache: 'only-if-cached', mode: 'same-origin' });
      const blob = response.ok ? await response.blob() : null;
      if (!blob || blob.size === 0 || blob.size > maxBytes) continue;
      return await new Promise<string | null>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : null);
        reader.onerror = () => resolve(null);
        reader.readAsDataURL(blob);
      });
    } catch {
      // Not in the cache (or not readable): this one is skipped.
    }
  }
  return null;
}

/** A base64 data: URL's bytes as a Blob, read here rather than fetched. */
function dataUrlBlob(url: string): Blob | null {
  const match = /^data:(image\/[\w.+-]+);base64,([A-Za-z0-9+/]*={0,2})$/.exec(url);
  if (!match || (match[2] as string).length > (MAX_SOURCE_BYTES * 4) / 3 + 4) return null;
  try {
    const bytes = Uint8Array.from(atob(match[2] as string), (char) => char.charCodeAt(0));
    return new Blob([bytes], { type: match[1] });
  } catch {
    return null;
  }
}

/** The picture redrawn as an ICON_SIZE square PNG; undefined when it does not decode as an image. */
async function redraw(source: string): Promise<string | undefined> {
  const blob = dataUrlBlob(source);
  if (!blob) return undefined;
  let image: ImageBitmap;
  try {
    image = await createImageBitmap(blob);
  } catch {
    return undefined;
  }
  const canvas = new OffscreenCanvas(ICON_SIZE, ICON_SIZE);
  const context = canvas.getContext('2d');
  if (!context || image.width === 0 || image.height === 0) return undefined;
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, ICON_SIZE, ICON_SIZE);
  image.close();
  const png = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
  return checkIcon(iconUrl(png));
}

/** The icon of the site in the tab, or undefined when the browser holds none that can be read. */
export async function pageIcon(tabId: number): Promise<string | undefined> {
  const sources: string[] = [];
  try {
    const [frame] = await browser.scripting.executeScript({
      target: { tabId },
      func: readCachedIcon,
      args: [MAX_SOURCE_BYTES],
    });
    if (typeof frame?.result === 'string') sources.push(frame.result);
  } catch {
    // The page cannot be scripted: only the tab's own icon is left.
  }
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (tab?.favIconUrl?.startsWith('data:image/')) sources.push(tab.favIconUrl);
  for (const source of sources) {
    const icon = await redraw(source).catch(() => undefined);
    if (icon) return icon;
  }
  return undefined;
}
