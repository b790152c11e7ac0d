import { t } from '../i18n/t.ts';
import { browser } from '../platform/browser.ts';

/** The context-menu entry on editable fields; its click grants activeTab like the toolbar button. */
export const FILL_MENU_ID = 'fill-code';

export function createFillMenu(): void {
  browser.contextMenus.create(
    { id: FILL_MENU_ID, title: t('fillMenuTitle'), contexts: ['editable'] },
    // A second create after an update reports a duplicate id; the entry is there either way.
    () => void browser.runtime.lastError,
  );
}
