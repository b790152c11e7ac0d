import { useState } from 'preact/hooks';
import type { Settings } from '../../api/types.ts';
import { formatDateTime } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { Message } from '../../ui/Message.tsx';
import { errorText } from '../../ui/useLoad.ts';

/**
 * The grace period before 2FA becomes mandatory for every local sign-in: its end, the days left, and
 * a form to move the end later (the server audits it). Dates are whole days, starting at 00:00 UTC.
 */
export function GracePeriod({
  settings,
  onChange,
}: {
  settings: Settings;
  onChange: (next: Settings) => void;
}) {
  const { api } = useSession();
  const [day, setDay] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!settings.graceEndsAt) return null;

  const extend = async (event: Event) => {
    event.preventDefault();
    setSaved(null);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return setError('Choose the new end date.');
    setBusy(true);
    setError(null);
    try {
      const next = await api.extendGrace(day);
      onChange(next);
      setSaved(`The grace period now ends on ${formatDateTime(next.graceEndsAt)}.`);
      setDay('');
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset class="grace-period">
      <legend>Grace period</legend>
      <p id="grace-status">
        {settings.mandatory ? (
          <>
            The grace period ended on <strong>{formatDateTime(settings.graceEndsAt)}</strong>. Two-factor
            authentication is mandatory for everyone who signs in with a password; users who sign in through
            single sign-on are never asked for a code.
          </>
        ) : (
          <>
            Two-factor authentication becomes mandatory for everyone who signs in with a password on{' '}
            <strong>{formatDateTime(settings.graceEndsAt)}</strong> (
            <span id="grace-days-left">
              {settings.graceDaysLeft} {settings.graceDaysLeft === 1 ? 'day' : 'days'} left
            </span>
            ). Until then the switches above decide.
          </>
        )}
      </p>
      <form class="inline-form" onSubmit={extend} noValidate>
        <div class="field">
          <label for="grace-extend">Extend the grace period to</label>
          <input
            id="grace-extend"
            type="date"
            value={day}
            onInput={(event) => setDay(event.currentTarget.value)}
            aria-describedby="grace-extend-hint"
          />
          <p class="hint" id="grace-extend-hint">
            A later date than the current end; the period ends at the start of that day (UTC).
          </p>
        </div>
        <button type="submit" class="button secondary" disabled={busy}>
          {busy ? 'Extending…' : 'Extend'}
        </button>
      </form>
      <Message id="grace-error">{error}</Message>
      <Message kind="success">{saved}</Message>
    </fieldset>
  );
}
