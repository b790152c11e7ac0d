import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../i18n/t.ts';
import { describeSyncStatus } from '../../../sync/sync-settings.ts';
import { loadSyncView, type SyncView, setSyncEnabled, watchSyncView } from '../../sync-session.ts';

export interface SyncSettingsProps {
  /** Sync needs a password: the synced copy opens with it on another computer. */
  passwordless: boolean;
}

/** Opt-in sync through the browser's own account; the status line follows every run of the background. */
export function SyncSettings({ passwordless }: SyncSettingsProps) {
  const [view, setView] = useState<SyncView | null>(null);
  useEffect(() => {
    void loadSyncView().then(setView);
    return watchSyncView(setView);
  }, []);
  if (!view) return null;
  const status = view.enabled ? view.status : { kind: 'off' as const };
  const waiting = view.enabled && status.kind === 'off';
  return (
    <fieldset>
      <legend>{t('syncLegend')}</legend>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={view.enabled}
          disabled={passwordless && !view.enabled}
          onChange={(e) => void setSyncEnabled((e.currentTarget as HTMLInputElement).checked)}
        />
        {t('syncCheckbox')}
      </label>
      <p class={status.kind === 'off' || status.kind === 'synced' ? 'hint' : 'warning'} role="status">
        {passwordless && !view.enabled
          ? t('syncNeedsPasswordBelow')
          : waiting
            ? t('syncing')
            : describeSyncStatus(status)}
      </p>
    </fieldset>
  );
}
