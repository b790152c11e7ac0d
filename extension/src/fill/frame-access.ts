import { t } from '../i18n/t.ts';

/**
 * A code field in a frame from another site. The published build holds no host permissions: a
 * click or a shortcut grants activeTab, which covers the tab's own origin only. The popup then asks
 * for that one origin (`optional_host_permissions`, at the user's click) and fills again when it is
 * still open (Chromium may close it when its prompt opens; Fill then works from the next click);
 * meanwhile the code is on the clipboard, so the user can paste it.
 */

/** The host the user reads, with its port when it has one ("login.example.net", "localhost:8080"). */
export function frameHost(origin: string): string {
  return new URL(origin).host;
}

/** The match pattern `permissions.request` takes for one origin (match patterns name no port). */
export function originPattern(origin: string): string {
  const { protocol, hostname } = new URL(origin);
  if (protocol !== 'https:' && protocol !== 'http:') throw new TypeError(`not a web origin: ${origin}`);
  return `${protocol}//${hostname}/*`;
}

/** The popup's sentence after Fill found the field out of reach (the code was just copied). */
export function frameNotice(origin: string, copied: boolean): string {
  return t(copied ? 'frameNoticeCopied' : 'frameNotice', frameHost(origin));
}

/** What a shortcut or the context menu leaves for the popup: the choice needs a click there. */
export function frameShortcutNotice(origin: string): string {
  return t('frameShortcutNotice', frameHost(origin));
}
