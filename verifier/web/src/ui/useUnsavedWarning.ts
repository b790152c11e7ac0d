import { useEffect } from 'preact/hooks';
import { setLeaveQuestion } from '../router.tsx';

const QUESTION = 'You have unsaved changes. Leave this page and lose them?';

/** While `dirty`, leaving the page (in-app link, reload, closing the tab) asks before dropping the edits. */
export function useUnsavedWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      // Browsers show their own wording; preventDefault is what asks.
      event.preventDefault();
    };
    setLeaveQuestion(QUESTION);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      setLeaveQuestion(null);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty]);
}
