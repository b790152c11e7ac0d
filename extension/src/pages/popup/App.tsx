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
        {popup.scan && <p class="notice">A scanned QR code is waiting: unlock to add it.</p>}
        {state.synced && (
          <p class="notice">
            Accounts synced through this browser’s account were found: enter their vault password to bring
            them back.
          </p>
        )}
        <Unlock busy={busy} error={popup.unlockError} onUnlock={(password) => void popup.unlock(password)} />
      </main>
    );
  }
  return <UnlockedPopup popup={popup} unlocked={state} />;
}
