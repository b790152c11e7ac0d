import { useEffect, useState } from 'preact/hooks';
import { screenFromHash, type TransferScreenName } from './screens.ts';

/**
 * The transfer page's screen, kept in the address (`transfer.html#import`) so the popup's links and
 * the browser's history reach each one. The address is read again once the listener is on: a
 * change made while the page was starting would otherwise go unseen.
 */
export function useHashScreen(): [TransferScreenName, (name: TransferScreenName) => void] {
  const [screen, setScreen] = useState<TransferScreenName>(() => screenFromHash(location.hash));
  useEffect(() => {
    const onHash = () => setScreen(screenFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    onHash();
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = (name: TransferScreenName) => {
    history.replaceState(null, '', `#${name}`);
    setScreen(name);
  };
  return [screen, go];
}
