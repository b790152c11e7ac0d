import type { Page } from 'puppeteer-core';

/**
 * Presses a keyboard shortcut in Chromium the way the keyboard does, so the browser (not the page)
 * acts on it. CDP's `Input.dispatchKeyEvent` hands the key to the tab's renderer like a key from the
 * window system; a key the page does not consume goes back to the browser, which matches it against
 * its accelerators, the extensions' `commands` among them. `rawKeyDown` carries no text, as a key
 * held with Alt produces none. Puppeteer's `page.keyboard` sends `keyDown` with text, which the page
 * takes as typing and the browser never sees as a shortcut.
 */

const MODIFIER_BITS = { Alt: 1, Ctrl: 2, Shift: 8 } as const;
type Modifier = keyof typeof MODIFIER_BITS;

/** `combo` as the manifest writes it: "Alt+Shift+F" (modifiers, then one letter). */
export async function pressShortcut(page: Page, combo: string): Promise<void> {
  const parts = combo.split('+');
  const letter = parts.pop()?.toUpperCase() ?? '';
  if (!/^[A-Z]$/.test(letter)) throw new TypeError(`pressShortcut takes a letter key, not "${combo}"`);
  const modifiers = parts.reduce((bits, part) => {
    if (!(part in MODIFIER_BITS)) throw new TypeError(`unknown modifier "${part}" in "${combo}"`);
    return bits | MODIFIER_BITS[part as Modifier];
  }, 0);
  const code = letter.charCodeAt(0);
  const key = {
    modifiers,
    key: letter,
    code: `Key${letter}`,
    windowsVirtualKeyCode: code,
    nativeVirtualKeyCode: code,
  };
  // The browser takes shortcuts for its focused window only; on Linux it matches them on the native key code.
  await page.bringToFront();
  const session = await page.createCDPSession();
  try {
    await session.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key });
    await session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
  } finally {
    await session.detach();
  }
}
