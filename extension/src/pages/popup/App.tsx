import { useCallback, useEffect, useState } from 'preact/hooks';
import type { OtpAccount } from '../../../../shared/index.ts';
import type { VaultAccount } from '../../accounts/account.ts';
import {
  addAccounts,
  type DuplicateChoice,
  findDuplicate,
  moveAccount,
  removeAccount,
  togglePin,
  updateAccount,
} from '../../accounts/list.ts';
import type { PopupRequest, ScanReply } from '../../background/messages.ts';
import { browser } from '../../platform/browser.ts';
import { randomBytes } from '../../platform/random.ts';
import { classifyQrText, type ScanOutcome } from '../../scan/classify.ts';
import { clearPendingScan, PENDING_SCAN_KEY, takePendingScan } from '../../scan/pending.ts';
import { CLOCK_WARNING_MS } from '../../settings/clock-check.ts';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  type Settings as SettingsValues,
  saveSettings,
} from '../../settings/settings.ts';
import { STORAGE_KEY as VAULT_STORAGE_KEY } from '../../vault/format.ts';
import { FatalError } from '../components/FatalError.tsx';
import { Unlock } from '../components/Unlock.tsx';
import * as vault from '../vault-session.ts';
import { checkTimeAgainst } from './check-time.ts';
import { hotpCode } from './codes.ts';
import { AccountForm } from './components/AccountForm.tsx';
import { AccountList } from './components/AccountList.tsx';
import { BackupReminder } from './components/BackupReminder.tsx';
import { EditAccount } from './components/EditAccount.tsx';
import { ScanConfirm } from './components/ScanConfirm.tsx';
import { Settings } from './components/Settings.tsx';
import { Setup } from './components/Setup.tsx';
import { openTransferPage } from './open-transfer.ts';
import { isInTab, targetTabId } from './target-tab.ts';
import { useClock } from './use-clock.ts';

type Unlocked = Extract<vault.VaultState, { status: 'unlocked' }>;
type View = { name: 'list' } | { name: 'add' } | { name: 'edit'; id: string } | { name: 'settings' };

const COPIED_FEEDBACK_MS = 1500;

export function App() {
  const [state, setState] = useState<vault.VaultState | null>(null);
  const [fatal, setFatal] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [unlockError, setUnlockError] = useState('');
  const [settings, setSettings] = useState<SettingsValues>(DEFAULT_SETTINGS);
  const [view, setView] = useState<View>({ name: 'list' });
  const [scan, setScan] = useState<ScanOutcome | null>(null);
  const [query, setQuery] = useState('');
  const [copiedId, setCopiedId] = useState<string | null>(null);
  const [revealedHotp, setRevealedHotp] = useState<Record<string, string>>({});
  const now = useClock(settings.timeOffsetMs);

  const fail = useCallback(
    (error: unknown) => setFatal(error instanceof Error ? error.message : String(error)),
    [],
  );
  const showPendingScan = useCallback(async () => {
    const pending = await takePendingScan(browser.storage.session, Date.now());
    if (pending) setScan(classifyQrText(pending.text));
  }, []);

  useEffect(() => {
    loadSettings(browser.storage.local).then(setSettings, fail);
    vault.currentState().then(setState, fail);
    void showPendingScan();
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      // The vault changed elsewhere (a restore, an import, a backup in the transfer tab).
      if (area === 'local' && VAULT_STORAGE_KEY in changes) vault.currentState().then(setState, fail);
      if (area !== 'session') return;
      if (PENDING_SCAN_KEY in changes && changes[PENDING_SCAN_KEY]?.newValue) void showPendingScan();
      // Auto-lock fired while the popup was open.
      if ('vaultKey' in changes && changes.vaultKey?.newValue === undefined) {
        vault.currentState().then(setState, fail);
      }
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [fail, showPendingScan]);

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

  if (fatal) return <FatalError message={fatal} />;
  if (!state) return <main aria-busy="true" />;
  if (state.status === 'absent') {
    return (
      <main>
        <Setup busy={busy} onCreate={(password) => run(async () => setState(await vault.setUp(password)))} />
      </main>
    );
  }
  if (state.status === 'locked') {
    const onUnlock = (password: string) =>
      run(async () => {
        const result = await vault.unlockWith(password);
        if ('status' in result) {
          setUnlockError('');
          setState(result);
        } else setUnlockError('Wrong password. Nothing was changed; try again.');
      });
    return (
      <main>
        {scan && <p class="notice">A scanned QR code is waiting: unlock to add it.</p>}
        <Unlock busy={busy} error={unlockError} onUnlock={onUnlock} />
      </main>
    );
  }

  const unlocked: Unlocked = state;
  const accounts = unlocked.snapshot.accounts;
  const saveList = (next: VaultAccount[]) => run(async () => setState(await vault.save(unlocked, next)));

  const copy = (account: VaultAccount, code: string) => {
    navigator.clipboard.writeText(code).then(
      () => {
        setCopiedId(account.id);
        setTimeout(() => setCopiedId((id) => (id === account.id ? null : id)), COPIED_FEEDBACK_MS);
        void browser.runtime.sendMessage({ type: 'code-copied' } satisfies PopupRequest);
        void vault.noteActivity();
      },
      () => setNotice('The browser did not allow copying. Select the code and copy it by hand.'),
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

  const startScan = async (type: 'scan-selection' | 'scan-page') => {
    setNotice('');
    const tabId = await targetTabId();
    if (tabId === undefined) return setNotice('There is no page to scan in this window.');
    const inTab = await isInTab();
    const reply = (await browser.runtime.sendMessage({ type, tabId } satisfies PopupRequest)) as ScanReply;
    if (!reply.ok) return setNotice(reply.message);
    if (type === 'scan-selection' && !inTab) window.close();
  };

  const addScanned = (found: OtpAccount[], choice: DuplicateChoice) =>
    run(async () => {
      setState(await vault.save(unlocked, addAccounts(accounts, found, choice, randomBytes)));
      await clearPendingScan(browser.storage.session);
      setScan(null);
      setView({ name: 'list' });
    });

  const dismissScan = () => {
    setScan(null);
    void clearPendingScan(browser.storage.session);
  };

  const addManual = (account: OtpAccount) => {
    if (findDuplicate(accounts, account)) setScan({ kind: 'accounts', accounts: [account] });
    else addScanned([account], 'keep-both');
  };

  const editing = view.name === 'edit' ? accounts.find((a) => a.id === view.id) : undefined;

  return (
    <main>
      <header>
        <h1>Authenticator</h1>
        <div class="toolbar">
          <button type="button" onClick={() => void startScan('scan-selection')}>
            Scan QR code
          </button>
          <button type="button" onClick={() => void startScan('scan-page')}>
            Scan whole page
          </button>
          <button type="button" onClick={() => setView({ name: 'add' })}>
            Add manually
          </button>
          <button type="button" onClick={() => void openTransferPage('backup')}>
            Backup &amp; transfer
          </button>
          <button type="button" onClick={() => setView({ name: 'settings' })} aria-label="Settings">
            Settings
          </button>
          {!unlocked.passwordless && (
            <button type="button" onClick={() => run(async () => setState(await vault.lockNow()))}>
              Lock now
            </button>
          )}
        </div>
      </header>
      {unlocked.passwordless && (
        <p class="warning">No password: anyone using this browser profile can read your codes.</p>
      )}
      {Math.abs(settings.timeOffsetMs) > CLOCK_WARNING_MS && (
        <p class="warning" role="alert">
          This device’s clock is off by {Math.round(Math.abs(settings.timeOffsetMs) / 1000)} s; codes use the
          corrected time. Fix the clock in your system settings.
        </p>
      )}
      {!scan && view.name === 'list' && (
        <BackupReminder
          accounts={accounts}
          lastBackupAt={unlocked.snapshot.lastBackupAt}
          onBackUp={() => void openTransferPage('backup')}
        />
      )}
      {notice && (
        <p class="error" role="alert">
          {notice}
        </p>
      )}
      {scan ? (
        <ScanConfirm outcome={scan} existing={accounts} onAdd={addScanned} onDismiss={dismissScan} />
      ) : view.name === 'add' ? (
        <AccountForm submitLabel="Add" onSubmit={addManual} onCancel={() => setView({ name: 'list' })} />
      ) : editing ? (
        <EditAccount
          account={editing}
          onSave={(changes) => {
            void saveList(updateAccount(accounts, editing.id, changes));
            setView({ name: 'list' });
          }}
          onDelete={() => {
            void saveList(removeAccount(accounts, editing.id));
            setView({ name: 'list' });
          }}
          onTogglePin={() => void saveList(togglePin(accounts, editing.id))}
          onMove={(direction) => void saveList(moveAccount(accounts, editing.id, direction))}
          onClose={() => setView({ name: 'list' })}
        />
      ) : view.name === 'settings' ? (
        <Settings
          settings={settings}
          passwordless={unlocked.passwordless}
          onSaveIdle={(idleMinutes) =>
            void saveSettings(browser.storage.local, { idleMinutes }).then(async (next) => {
              setSettings(next);
              await vault.noteActivity();
            })
          }
          onCheckTime={(url) =>
            checkTimeAgainst(url).then(async (check) => {
              setSettings(
                await saveSettings(browser.storage.local, { verifierUrl: url, timeOffsetMs: check.offsetMs }),
              );
              return check;
            })
          }
          onChangePassword={async (current, next) => {
            const result = await vault.setPassword(current, next);
            if (!result.ok) return 'The current password is wrong. Nothing was changed.';
            setState(await vault.currentState());
            return '';
          }}
          onClose={() => setView({ name: 'list' })}
        />
      ) : (
        <AccountList
          accounts={accounts}
          nowMs={now}
          query={query}
          copiedId={copiedId}
          revealedHotp={revealedHotp}
          onQuery={setQuery}
          onCopy={copy}
          onNextHotp={nextHotp}
          onEdit={(account) => setView({ name: 'edit', id: account.id })}
        />
      )}
    </main>
  );
}
