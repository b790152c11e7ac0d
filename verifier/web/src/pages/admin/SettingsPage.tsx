import { useEffect, useState } from 'preact/hooks';
import type { CodeMethod, Settings } from '../../api/types.ts';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { Message } from '../../ui/Message.tsx';
import { Switch } from '../../ui/Switch.tsx';
import { errorText, useLoad } from '../../ui/useLoad.ts';
import { useUnsavedWarning } from '../../ui/useUnsavedWarning.ts';
import { SecurityMailPanel } from '../recovery-codes/SecurityMailPanel.tsx';
import { GracePeriod } from './GracePeriod.tsx';
import { UsersSummary } from './UsersSummary.tsx';

const methodLabels: Record<CodeMethod, string> = {
  totp: 'Authenticator app or browser extension (time-based codes)',
  email: 'Code sent by e-mail',
};

/** What the Save button would change, to tell whether the form differs from what is saved. */
function editable(settings: Settings, windowText: string, rememberText: string): string {
  const { twoFactorEnabled, organisationName, methods } = settings;
  return JSON.stringify([
    twoFactorEnabled,
    organisationName,
    [...methods].sort(),
    windowText.trim(),
    rememberText.trim(),
  ]);
}

/** The days field of "Remember this device": empty while it is off. */
const rememberTextOf = (settings: Settings) =>
  settings.rememberDeviceDays > 0 ? String(settings.rememberDeviceDays) : '';

export function SettingsPage() {
  const { api, refresh } = useSession();
  const loaded = useLoad(() => api.settings(), []);
  const [form, setForm] = useState<Settings | null>(null);
  const [windowText, setWindowText] = useState('');
  const [rememberText, setRememberText] = useState('');
  const [rememberOn, setRememberOn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [savedForm, setSavedForm] = useState<Settings | null>(null);
  const [confirmingOff, setConfirmingOff] = useState(false);

  useEffect(() => {
    if (loaded.data) {
      setForm(loaded.data);
      setSavedForm(loaded.data);
      setWindowText(String(loaded.data.verificationWindow));
      setRememberText(rememberTextOf(loaded.data));
      setRememberOn(loaded.data.rememberDeviceDays > 0);
    }
  }, [loaded.data]);

  const dirty =
    form !== null &&
    savedForm !== null &&
    editable(form, windowText, rememberOn ? rememberText : '') !==
      editable(savedForm, String(savedForm.verificationWindow), rememberTextOf(savedForm));
  useUnsavedWarning(dirty);

  if (!form) {
    return (
      <section class="card">
        <h1>System Settings</h1>
        <Message>{loaded.error}</Message>
        {!loaded.error && <p aria-busy="true">Loading…</p>}
      </section>
    );
  }

  const toggleMethod = (method: CodeMethod, on: boolean) => {
    const methods = on ? [...new Set([...form.methods, method])] : form.methods.filter((m) => m !== method);
    setForm({ ...form, methods });
  };

  // Turning 2FA off for everyone is asked first: it drops the second factor of every user at once.
  const turnsOff = !form.twoFactorLocked && savedForm?.twoFactorEnabled === true && !form.twoFactorEnabled;

  const submit = (event: Event) => {
    event.preventDefault();
    if (turnsOff) setConfirmingOff(true);
    else void save();
  };

  const save = async () => {
    setConfirmingOff(false);
    setSaved(null);
    const steps = Number(windowText);
    if (!/^\d+$/.test(windowText.trim()) || steps > 10) {
      return setError('The verification window is a whole number of steps from 0 to 10.');
    }
    if (!form.organisationName.trim()) return setError('Enter the organisation name.');
    const days = rememberOn ? Number(rememberText.trim()) : 0;
    if (rememberOn && (!/^\d+$/.test(rememberText.trim()) || days < 1 || days > 30)) {
      return setError('A device is remembered for a whole number of days from 1 to 30.');
    }
    if (form.methods.length === 0) return setError('Keep at least one way to receive codes.');
    setBusy(true);
    setError(null);
    try {
      const next = await api.updateSettings({
        // Once 2FA is mandatory the switch is locked on: leave the admin's own setting as it is.
        ...(form.twoFactorLocked ? {} : { twoFactorEnabled: form.twoFactorEnabled }),
        organisationName: form.organisationName.trim(),
        verificationWindow: steps,
        methods: form.methods,
        rememberDeviceDays: days,
      });
      setForm(next);
      setSavedForm(next);
      setWindowText(String(next.verificationWindow));
      setRememberText(rememberTextOf(next));
      setRememberOn(next.rememberDeviceDays > 0);
      setSaved('Settings saved.');
      // The organisation name shows in the header: read it again.
      void refresh();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card">
      <h1>System Settings</h1>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>Two-factor authentication</legend>
          <Switch
            id="two-factor-enabled"
            label="2FA enabled"
            checked={form.twoFactorEnabled}
            disabled={form.twoFactorLocked === true}
            onChange={(checked) => setForm({ ...form, twoFactorEnabled: checked })}
            hint={
              form.twoFactorLocked
                ? 'On and locked: the grace period is over, so two-factor authentication is mandatory for every user who signs in with a password. Extend the grace period below to turn it off again.'
                : 'Turns two-factor authentication on for the whole organisation. Then choose who uses it: each user in a default group on their Edit user page, custom groups on the Security Access Groups page.'
            }
          />
          <fieldset class="field">
            <legend class="field-label">Ways to receive codes</legend>
            <div class="checks">
              {(Object.keys(methodLabels) as CodeMethod[]).map((method) => (
                <label key={method} class="check">
                  <input
                    type="checkbox"
                    checked={form.methods.includes(method)}
                    onChange={(event) => toggleMethod(method, event.currentTarget.checked)}
                  />
                  {methodLabels[method]}
                </label>
              ))}
            </div>
          </fieldset>
        </fieldset>
        <fieldset>
          <legend>Remember this device</legend>
          <Switch
            id="remember-device"
            label="Let users remember a device"
            checked={rememberOn}
            onChange={(checked) => {
              setRememberOn(checked);
              if (checked && rememberText === '') setRememberText('30');
            }}
            hint="Offers “Remember this device” on the code page. A remembered browser skips the code until the days run out, the password or the second factor changes, or it is revoked."
          />
          {rememberOn && (
            <Field
              id="remember-days"
              label="Days a device is remembered (1 to 30)"
              value={rememberText}
              onValue={setRememberText}
              inputMode="numeric"
              maxLength={2}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>Organisation</legend>
          <Field
            id="organisation-name"
            label="Organisation name"
            value={form.organisationName}
            onValue={(value) => setForm({ ...form, organisationName: value })}
            hint="Shown in authenticators next to each user’s account, so keep it short and recognisable."
            maxLength={64}
          />
          <Field
            id="verification-window"
            label="Verification window (time steps either side)"
            value={windowText}
            onValue={setWindowText}
            inputMode="numeric"
            hint="How many 30-second steps before or after the expected code are still accepted, to allow for clock drift. 1 is a good default; at most 10."
          />
        </fieldset>
        <Message id="settings-error">{error}</Message>
        <Message kind="success">{saved}</Message>
        <div class="actions">
          <button type="submit" class="button primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
      {confirmingOff && (
        <ConfirmDialog
          id="confirm-two-factor-off"
          title="Turn 2FA off for everyone?"
          confirmLabel="Turn 2FA off and save"
          onConfirm={() => void save()}
          onCancel={() => setConfirmingOff(false)}
        >
          <p>
            Every user of the organisation then signs in with a password alone, until 2FA is turned on again.
          </p>
        </ConfirmDialog>
      )}
      <p>
        The e-mail that carries sign-in codes is edited on the{' '}
        <Link href="/admin/notification-template">Notification template</Link> page.
      </p>
      <GracePeriod
        settings={form}
        onChange={(next) => {
          setForm(next);
          setSavedForm(next);
          void refresh();
        }}
      />
      <UsersSummary />
      <SecurityMailPanel />
    </section>
  );
}
