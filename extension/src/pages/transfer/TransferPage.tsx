import { useCallback, useEffect, useState } from 'preact/hooks';
import type { OtpAccount } from '../../../../shared/index.ts';
import { displayOrder } from '../../accounts/list.ts';
import { t } from '../../i18n/t.ts';
import { loadManagedPolicy } from '../../platform/managed-storage.ts';
import { randomBytes } from '../../platform/random.ts';
import {
  aegisEncryptedExport,
  aegisPlainExport,
  createBackup,
  plainTextExport,
  type RestoredBackup,
  twoFasExport,
} from '../../transfer/index.ts';
import { FatalError } from '../components/FatalError.tsx';
import { Unlock } from '../components/Unlock.tsx';
import { useVaultState } from '../use-vault-state.ts';
import * as vault from '../vault-session.ts';
import { BackupScreen } from './BackupScreen.tsx';
import { ExportScreen } from './ExportScreen.tsx';
import { ImportScreen } from './ImportScreen.tsx';
import { qrTextFromImage } from './image-qr.ts';
import { type DuplicateAction, mergeIncoming } from './merge.ts';
import type { AppFileKind } from './OtherAppExport.tsx';
import { RestoreScreen } from './RestoreScreen.tsx';
import { type SavedFile, saveTextFile } from './save-file.ts';
import { SCREEN_TITLES, TRANSFER_SCREENS } from './screens.ts';
import { useHashScreen } from './use-hash-screen.ts';

type Unlocked = Extract<vault.VaultState, { status: 'unlocked' }>;

/** The transfer page (a tab of its own): backup, restore, import and export, on the unlocked vault. */
export function TransferPage() {
  const [screen, go] = useHashScreen();
  const [fatal, setFatal] = useState('');
  const [busy, setBusy] = useState(false);
  const [unlockError, setUnlockError] = useState('');
  // The organisation may keep every secret inside the extension: no backup file, no export.
  const [exportDisabled, setExportDisabled] = useState(false);

  const fail = useCallback(
    (error: unknown) => setFatal(error instanceof Error ? error.message : String(error)),
    [],
  );
  // Follows the vault: accounts changed in the popup, and the lock, which hides every secret here too.
  const { state, setState } = useVaultState(fail);
  useEffect(() => {
    loadManagedPolicy().then((policy) => setExportDisabled(policy.disableExport), fail);
  }, [fail]);

  if (fatal) return <FatalError message={fatal} />;
  if (!state) return <main aria-busy="true" />;
  if (state.status === 'absent') {
    return (
      <main>
        <p>{t('setUpFirst')}</p>
      </main>
    );
  }
  if (state.status === 'locked') {
    const onUnlock = (password: string) => {
      setBusy(true);
      vault
        .unlockWith(password)
        .then((result) => {
          if ('status' in result) setState(result);
          else setUnlockError(t('wrongPassword'));
        }, fail)
        .finally(() => setBusy(false));
    };
    return (
      <main>
        <Unlock busy={busy} error={unlockError} onUnlock={onUnlock} />
      </main>
    );
  }

  const unlocked: Unlocked = state;
  const accounts = displayOrder(unlocked.snapshot.accounts);

  /** Every change here is one vault write; a failure leaves the vault as it was and is shown by the screen. */
  const write = async (change: (current: Unlocked) => Promise<Unlocked>) => {
    setBusy(true);
    try {
      // Read the vault again so a change made in the popup meanwhile is neither lost nor a conflict.
      const current = await vault.currentState();
      if (current.status !== 'unlocked') throw new Error(t('lockedMeanwhile'));
      setState(await change(current));
    } finally {
      setBusy(false);
    }
  };

  const backUp = async (password: string) => {
    let saved: SavedFile | undefined;
    // The file and the recorded backup time come from the same read of the vault.
    await write(async (current) => {
      const now = new Date();
      const list = displayOrder(current.snapshot.accounts);
      const file = await createBackup(list, password, { now, randomBytes });
      saved = saveTextFile(file.fileName, file.text, 'application/json');
      return vault.save(current, current.snapshot.accounts, { lastBackupAt: now.getTime() });
    });
    return saved as SavedFile;
  };

  const restore = (backup: RestoredBackup, action: DuplicateAction) =>
    write((current) => {
      const before = current.snapshot.accounts;
      // A backup dated in the future (a wrong clock) must not hide accounts added later from the reminder.
      const createdAt = Math.min(Date.parse(backup.createdAt), Date.now());
      const stamp = Number.isFinite(createdAt) ? createdAt : undefined;
      const next = mergeIncoming(before, backup.accounts, action, randomBytes, stamp);
      // Restoring into an empty vault: every account is in that backup file, so it counts as backed up.
      const changes = before.length === 0 && stamp !== undefined ? { lastBackupAt: stamp } : {};
      return vault.save(current, next, changes);
    });

  const importAccounts = (incoming: OtpAccount[], action: DuplicateAction) =>
    write((current) =>
      vault.save(current, mergeIncoming(current.snapshot.accounts, incoming, action, randomBytes)),
    );

  const savePlainText = () => {
    const file = plainTextExport(accounts, { now: new Date() });
    return saveTextFile(file.fileName, file.text, 'text/plain');
  };

  const saveForApp = async (kind: AppFileKind, password?: string) => {
    const now = new Date();
    const file =
      kind === '2fas'
        ? twoFasExport(accounts, { now })
        : kind === 'aegis'
          ? aegisPlainExport(accounts, { now, randomBytes })
          : await aegisEncryptedExport(accounts, password ?? '', { now, randomBytes });
    return saveTextFile(file.fileName, file.text, 'application/json');
  };

  return (
    <main class="transfer">
      <header>
        <h1>{t('transferHeading')}</h1>
        <nav class="toolbar" aria-label={t('transferScreens')}>
          {TRANSFER_SCREENS.map((name) => (
            <button
              type="button"
              key={name}
              aria-current={screen === name ? 'page' : undefined}
              onClick={() => go(name)}
            >
              {t(SCREEN_TITLES[name])}
            </button>
          ))}
        </nav>
      </header>
      <h2>{t(SCREEN_TITLES[screen])}</h2>
      {exportDisabled && (screen === 'backup' || screen === 'export') ? (
        <p class="notice" role="status">
          {t('exportsTurnedOff')}
        </p>
      ) : null}
      {screen === 'backup' && !exportDisabled && (
        <BackupScreen
          accountCount={accounts.length}
          lastBackupAt={unlocked.snapshot.lastBackupAt}
          onBackUp={backUp}
          onPlainExport={() => go('export')}
        />
      )}
      {screen === 'restore' && <RestoreScreen existing={accounts} busy={busy} onRestore={restore} />}
      {screen === 'import' && (
        <ImportScreen
          existing={accounts}
          busy={busy}
          qrTextFromImage={qrTextFromImage}
          onImport={importAccounts}
        />
      )}
      {screen === 'export' && !exportDisabled && (
        <ExportScreen
          accounts={accounts}
          randomBytes={randomBytes}
          onSavePlainText={savePlainText}
          onSaveForApp={saveForApp}
        />
      )}
    </main>
  );
}
