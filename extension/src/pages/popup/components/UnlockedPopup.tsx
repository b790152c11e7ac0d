import { noPageSite } from '../../../fill/site-first.ts';
import { t } from '../../../i18n/t.ts';
import { openTransferPage } from '../open-transfer.ts';
import type { PopupState, Unlocked } from '../use-popup.ts';
import { useSortOrder } from '../use-sort-order.ts';
import { AccountForm } from './AccountForm.tsx';
import { AccountList } from './AccountList.tsx';
import { BackupReminder } from './BackupReminder.tsx';
import { ClockOffset } from './ClockOffset.tsx';
import { EditAccount } from './EditAccount.tsx';
import { FrameAccess } from './FrameAccess.tsx';
import { ScanConfirm } from './ScanConfirm.tsx';
import { Settings } from './Settings.tsx';
import { Toolbar } from './Toolbar.tsx';
import { VaultWarnings } from './VaultWarnings.tsx';

export interface UnlockedPopupProps {
  popup: PopupState;
  unlocked: Unlocked;
}

/** The open vault: the toolbar, warnings, and one screen (a scan to confirm, add, edit, settings or the list). */
export function UnlockedPopup({ popup, unlocked }: UnlockedPopupProps) {
  const { view, scan, setView } = popup;
  const actions = popup.onVault(unlocked);
  const { accounts } = actions;
  const [sortOrder, setSortOrder] = useSortOrder();
  const toList = () => setView({ name: 'list' });
  const editing = view.name === 'edit' ? accounts.find((a) => a.id === view.id) : undefined;

  const screen = scan ? (
    <ScanConfirm
      outcome={scan}
      existing={accounts}
      onAdd={actions.addScanned}
      onChoose={popup.chooseScanned}
      onDismiss={popup.dismissScan}
    />
  ) : view.name === 'add' ? (
    <AccountForm submitLabel={t('add')} onSubmit={actions.addManual} onCancel={toList} />
  ) : editing ? (
    <EditAccount
      account={editing}
      accounts={accounts}
      onSave={(changes, order) => actions.saveEdit(editing.id, changes, order)}
      onDelete={() => actions.remove(editing.id)}
      onClose={toList}
      pageSite={actions.pageSite}
      onPageSite={popup.page?.onSite ?? noPageSite}
      onLinkSite={(site) => actions.linkSite(editing.id, site)}
    />
  ) : view.name === 'settings' ? (
    <Settings
      settings={popup.settings}
      policy={popup.policy}
      passwordless={unlocked.passwordless}
      onSaveIdle={popup.saveIdle}
      onSaveLockOnSystemIdle={popup.saveLockOnSystemIdle}
      onCheckTime={popup.checkTime}
      onChangePassword={popup.changePassword}
      onClose={toList}
    />
  ) : (
    <AccountList
      accounts={accounts}
      nowMs={popup.now}
      query={popup.query}
      copiedId={popup.copiedId}
      revealedHotp={popup.revealedHotp}
      onQuery={popup.setQuery}
      onCopy={actions.copy}
      onPageSite={popup.page?.onSite}
      onFill={actions.fill}
      onNextHotp={actions.nextHotp}
      onEdit={(account) => setView({ name: 'edit', id: account.id })}
      sortOrder={sortOrder}
      onSortOrder={setSortOrder}
      onReorder={actions.reorder}
    />
  );

  return (
    <main>
      <Toolbar
        passwordless={unlocked.passwordless}
        onScan={(type) => void popup.startScan(type)}
        onView={setView}
        onLock={() => void popup.lockNow()}
      />
      <VaultWarnings passwordless={unlocked.passwordless} passwordRequired={popup.policy.requirePassword} />
      <ClockOffset
        offsetMs={popup.settings.timeOffsetMs}
        verifierUrl={popup.settings.verifierUrl}
        onUseDeviceClock={popup.useDeviceClock}
      />
      {!scan && view.name === 'list' && (
        <BackupReminder
          accounts={accounts}
          lastBackupAt={unlocked.snapshot.lastBackupAt}
          onBackUp={() => void openTransferPage('backup')}
        />
      )}
      {popup.notice && (
        <p class="error" role="alert">
          {popup.notice}
        </p>
      )}
      {popup.notice && <FrameAccess ask={popup.frameAsk} />}
      {screen}
    </main>
  );
}
