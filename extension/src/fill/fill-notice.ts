import type { KeyValueArea } from '../platform/storage-area.ts';

/**
 * What a shortcut or the context menu could not do on its own (the vault is locked, the site has
 * several accounts, no field was found), kept in session storage for the popup it opens to say.
 */
export const FILL_NOTICE_KEY = 'fillNotice';

export interface FillNotice {
  message: string;
  /** The tab the fill was for, so the popup's Fill buttons aim there. */
  tabId: number;
}

export async function saveFillNotice(area: KeyValueArea, notice: FillNotice): Promise<void> {
  await area.set({ [FILL_NOTICE_KEY]: notice });
}

export async function takeFillNotice(area: KeyValueArea): Promise<FillNotice | null> {
  const value = (await area.get(FILL_NOTICE_KEY))[FILL_NOTICE_KEY] as FillNotice | undefined;
  if (!value) return null;
  await area.remove(FILL_NOTICE_KEY);
  return typeof value.message === 'string' && Number.isInteger(value.tabId) ? value : null;
}
