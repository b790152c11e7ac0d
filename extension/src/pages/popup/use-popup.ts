import { useCallback, useEffect, useState } from 'preact/hooks';
import type { OtpAccount } from '../../../../shared/index.ts';
import type { VaultAccount } from '../../accounts/account.ts';
import {
  type AccountChanges,
  addAccounts,
  type DropSide,
  type DuplicateChoice,
  findDuplicate,
  moveNextTo,
  removeAccount,
  updateAccount,
} from '../../accounts/list.ts';
import { checkIcon } from '../../accounts/site-icon.ts';
import type { FillReply, PopupRequest, ScanReply } from '../../background/messages.ts';
import { frameNotice } from '../../fill/frame-access.ts';
import { webOrigin } from '../../fill/web-origin.ts';
import { t } from '../../i18n/t.ts';
import { browser } from '../../platform/browser.ts';
import { randomBytes } from '../../platform/random.ts';
import { classifyQrTexts, type ScanOutcome } from '../../scan/classify.ts';
import { clearPendingScan, PENDING_SCAN_KEY, takePendingScan } from '../../scan/pending.ts';
import { useVaultState } from '../use-vault-state.ts';
import * as vault from '../vault-session.ts';
import { hotpCode } from './codes.ts';
import type { FrameAsk } from './components/FrameAccess.tsx';
import { applyPlacement, type Placement } from './placement.ts';
import { isInTab, targetTabId } from './target-tab.ts';
import { useClock } from './use-clock.ts';
import { usePopupSettings } from './use-popup-settings.ts';
import { useTargetPage } from './use-target-page.ts';

export type Unlocked = Extract<vault.VaultState, { status: 'unlocked' }>;
export type View = { name: 'list' } | { name: 'add' } | { name: 'edit'; id: string } | { name: 'settings' };

const COPIED_FEEDBACK_MS = 1500;

/**
 * The popup's state machine (no vault, locked, unlocked; which screen) and every action the user
 * can take. Views only read what it returns and call its actions, so the rules live here alone.
 */
export function usePopup() {
  const [fatal, setFatal] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [unlockError, setUnlockError] = useState('');
  const [view, setView] = useState<View>({ name: 'list' });
  const [scan, setScan] = useState<ScanOutcome | null>(null);
  const [scanFromPage, setScanFromPage] = useState(false);
  const [scanIcon, setScanIcon] = useState<string | undefined>(undefined);
  const [query, setQuery] = useState('');
  const [copiedId, setCopiedId] = useState<string | null>(null);
  const [revealedHotp, setRevealedHotp] = useState<Record<string, string>>({});
  const [frameAsk, setFrameAsk] = useState<FrameAsk | null>(null);
  const fail = useCallback(
    (error: unknown) => setFatal(error instanceof Error ? error.message : String(error)),
    [],
  );
  const preferences = usePopupSettings(fail);
  const { settings } = preferences;
  const page = useTargetPage(setNotice);
  const now = useClock(settings.timeOffsetMs);
  const { state, setState } = useVaultState(fail);
  const showPendingScan = useCallback(async () => {
    const pending = await takePendingScan(browser.storage.session, Date.now());
    if (pending) {
      setScan(classifyQrTexts(pending.texts, pending.mode));
      setScanFromPage(true);
      setScanIcon(checkIcon(pending.icon));
    }
  }, []);

  useEffect(() => {
    void showPendingScan();
    // The overlay stores the scanned text while the popup is closed; show it when it arrives.
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'session' && changes[PENDING_SCAN_KEY]?.newValue) void showPendingScan();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [showPendingScan]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const setUp = (password: string | null) => run(async () => setState(await vault.setUp(password)));

  /** After a reinstall or on another computer: true when synced accounts wait for the vault password. */
  const findSynced = async () => {
    const synced = await vault.syncedState();
    if (synced) setState(synced);
    return synced !== null;
  };

  const unlock = (password: string) =>
    run(async () => {
      const result = await vault.unlockWith(password);
      if ('status' in result) {
        setUnlockError('');
        setState(result);
      } else setUnlockError(t('wrongPassword'));
    });

  const lockNow = () => run(async () => setState(await vault.lockNow()));

  const startScan = async (type: 'scan-selection' | 'scan-page') => {
    setNotice('');
    const tabId = await targetTabId();
    if (tabId === undefined) return setNotice(t('noPageToScan'));
    const inTab = await isInTab();
    const reply = (await browser.runtime.sendMessage({ type, tabId } satisfies PopupRequest)) as ScanReply;
    if (!reply.ok) return setNotice(reply.message);
    if (type === 'scan-selection' && !inTab) window.close();
  };

  /** Of several setup codes found, the one the user picked goes on to the usual confirmation. */
  const chooseScanned = (accounts: OtpAccount[]) => setScan({ kind: 'accounts', accounts });

  const dismissScan = () => {
    setScan(null);
    void clearPendingScan(browser.storage.session);
  };

  const changePassword = async (current: string | null, next: string) => {
    const result = await vault.setPassword(current, next);
    if (!result.ok) return t('currentPasswordWrong');
    setState(await vault.currentState());
    return '';
  };

  /** Actions on the open vault; each saves the whole new list in one write. */
  const onVault = (unlocked: Unlocked) => {
    const accounts = unlocked.snapshot.accounts;
    const saveList = (next: VaultAccount[]) => run(async () => setState(await vault.save(unlocked, next)));
    const toList = () => setView({ name: 'list' });

    const copy = (account: VaultAccount, code: string) => {
      navigator.clipboard.writeText(code).then(
        () => {
          setCopiedId(account.id);
          setTimeout(() => setCopiedId((id) => (id === account.id ? null : id)), COPIED_FEEDBACK_MS);
          void browser.runtime.sendMessage({ type: 'code-copied' } satisfies PopupRequest);
          void vault.noteActivity();
        },
        () => setNotice(t('copyRefused')),
      );
    };

    const nextHotp = (account: VaultAccount) => {
      const code = hotpCode(account);
      // The counter is saved before the code is shown, so a code is never shown twice.
      run(async () => {
        setState(
          await vault.save(unlocked, updateAccount(accounts, account.id, { counter: account.counter + 1 })),
        );
        setRevealedHotp((shown) => ({ ...shown, [account.id]: code }));
      });
    };

    const pageSite = webOrigin(page?.url);

    // The field is in a frame out of reach: the code goes to the clipboard and the popup offers the grant.
    const askForFrame = async (origin: string, retry: () => void, code: string) => {
      const copied = await navigator.clipboard.writeText(code).then(
        () => true,
        () => false,
      );
      if (copied) void browser.runtime.sendMessage({ type: 'code-copied' } satisfies PopupRequest);
      setFrameAsk({ origin, retry });
      setNotice(frameNotice(origin, copied));
    };

    /** Fills the page's code field; the account is linked to the site on its first fill there. */
    const fill = (account: VaultAccount, code: string): Promise<void> =>
      run(async () => {
        setNotice('');
        setFrameAsk(null);
        // The popup page in a tab stays open while the user moves between pages: aim at the page now.
        const tabId = page?.named ? page.tabId : ((await targetTabId()) ?? page?.tabId);
        if (tabId === undefined) return setNotice(t('noPageToFill'));
        const request = { type: 'fill-code', tabId, code } satisfies PopupRequest;
        const reply = (await browser.runtime.sendMessage(request)) as FillReply;
        if (!reply.ok && reply.frameOrigin)
          return askForFrame(reply.frameOrigin, () => fill(account, code), code);
        if (!reply.ok) return setNotice(reply.message);
        if (!account.site && pageSite) {
          setState(await vault.save(unlocked, updateAccount(accounts, account.id, { site: pageSite })));
        }
        void vault.noteActivity();
        if (!(await isInTab())) window.close();
      });

    // Accounts scanned from a page belong to its site (the popup's page is the one scanned) and take
    // its icon; a replaced account keeps the site and icon it had. Accounts typed by hand are linked
    // on their first fill and keep the letter avatar.
    const withSite = (next: VaultAccount[], linkNew: boolean) =>
      next.map((account) => {
        const old = accounts.find((kept) => kept.id === account.id);
        const icon = old ? old.icon : linkNew ? scanIcon : undefined;
        const iconed = icon ? { ...account, icon } : account;
        const site = account.site ?? old?.site;
        if (site) return { ...iconed, site };
        return linkNew && pageSite ? { ...iconed, site: pageSite } : iconed;
      });

    const addScanned = (found: OtpAccount[], choice: DuplicateChoice, linkNew = scanFromPage) =>
      run(async () => {
        const next = withSite(addAccounts(accounts, found, choice, randomBytes), linkNew);
        setState(await vault.save(unlocked, next));
        await clearPendingScan(browser.storage.session);
        setScan(null);
        toList();
      });

    // A typed account that is already present goes through the same confirmation as a scanned one.
    const addManual = (account: OtpAccount) => {
      setScanFromPage(false);
      if (findDuplicate(accounts, account)) setScan({ kind: 'accounts', accounts: [account] });
      else void addScanned([account], 'keep-both', false);
    };

    return {
      accounts,
      pageSite,
      fill,
      copy,
      nextHotp,
      addScanned,
      addManual,
      saveEdit: (id: string, changes: AccountChanges, placement: Placement) => {
        void saveList(updateAccount(applyPlacement(accounts, id, placement), id, changes));
        toList();
      },
      reorder: (id: string, targetId: string, side: DropSide) =>
        void saveList(moveNextTo(accounts, id, targetId, side)),
      remove: (id: string) => {
        void saveList(removeAccount(accounts, id));
        toList();
      },
      linkSite: (id: string, site: string | undefined) =>
        void saveList(updateAccount(accounts, id, { site })),
    };
  };

  return {
    state,
    fatal,
    notice,
    frameAsk,
    busy,
    unlockError,
    ...preferences,
    view,
    scan,
    query,
    copiedId,
    revealedHotp,
    page,
    now,
    setView,
    setQuery,
    setUp,
    findSynced,
    unlock,
    lockNow,
    startScan,
    chooseScanned,
    dismissScan,
    changePassword,
    onVault,
  };
}

export type PopupState = ReturnType<typeof usePopup>;
export type VaultActions = ReturnType<PopupState['onVault']>;
