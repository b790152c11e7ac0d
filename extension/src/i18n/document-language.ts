import { textDirection, uiLanguage } from './t.ts';

/**
 * Gives a page the UI language and its writing direction (ltr, or rtl for Arabic, Hebrew…), so screen
 * readers pick the right voice and the CSS's logical properties mirror the layout.
 */
export function applyDocumentLanguage(root: HTMLElement = document.documentElement): void {
  root.lang = uiLanguage();
  root.dir = textDirection();
}
