import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from '../platform/browser.ts';
import { STORAGE_KEY as VAULT_STORAGE_KEY } from '../vault/format.ts';
import * as vault from './vault-session.ts';

/**
 * The vault as a page shows it, kept in step with the browser's storage: it is read again when the
 * vault record changes (a write from the other page) and when the session key goes (a lock, the
 * auto-lock). A re-read applies only if the state did not change since it began, so a re-read that
 * started before "Lock now" cannot show the unlocked vault again when it resolves.
 */
export function useVaultState(fail: (error: unknown) => void) {
  const [state, setShownState] = useState<vault.VaultState | null>(null);
  const version = useRef(0);
  const setState = useCallback((next: vault.VaultState) => {
    version.current++;
    setShownState(next);
  }, []);
  const refresh = useCallback(() => {
    const startedAt = ++version.current;
    vault.currentState().then((next) => {
      if (version.current === startedAt) setShownState(next);
    }, fail);
  }, [fail]);

  // A layout effect runs as soon as the page is on screen, not a frame later: the vault is the
  // first thing the user waits for.
  useLayoutEffect(() => {
    refresh();
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && VAULT_STORAGE_KEY in changes) refresh();
      if (area === 'session' && 'vaultKey' in changes && changes.vaultKey?.newValue === undefined) refresh();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [refresh]);

  return { state, setState };
}
