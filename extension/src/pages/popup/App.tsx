import { t } from '../../i18n/t.ts';
import { FatalError } from '../components/FatalError.tsx';
import { Unlock } from '../components/Unlock.tsx';
import { Setup } from './components/Setup.tsx';
import { UnlockedPopup } from './components/UnlockedPopup.tsx';
import { usePopup } from './use-popup.ts';

/** Wiring only: the state and actions come from usePopup, each vault state has its screen. */
export function App() {
  const popup = usePopup();
  const { state, busy } = popup;
  if (popup.fatal) return <FatalError message={popup.fatal} />;
  if (!state) return <main aria-busy="true" />;
  if (state.status === 'absent') {
    return (
      <main>
        <Setup
          busy={busy}
          passwordRequired={popup.policy.requirePassword}
          onCreate={(password) => void popup.setUp(password)}
          onFindSynced={popup.findSynced}
        />
      </main>
    );
  }
  if (state.status === 'locked') {
    return (
      <main>
        {popup.scan && <p class="notice">{t('scanWaitingLocked')}</p>}
        {state.synced && <p class="notice">{t('syncedFoundLocked')}</p>}
        <Unlock busy={busy} error={popup.unlockError} onUnlock={(password) => void popup.unlock(password)} />
      </main>
    );
  }
  return <UnlockedPopup popup={popup} unlocked={state} />;
}
