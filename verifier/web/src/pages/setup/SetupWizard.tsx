import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client.ts';
import { enrollmentCodeRefused, errorMessages } from '../../api/errors.ts';
import type { Enrollment } from '../../api/types.ts';
import { navigate, useLocation } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { ClockHelp } from '../../ui/ClockHelp.tsx';
import { CodeInput } from '../../ui/CodeInput.tsx';
import { Message } from '../../ui/Message.tsx';
import { errorText } from '../../ui/useLoad.ts';
import { keepIssuedCodes } from '../recovery-codes/issued-codes.ts';
import { NewKey } from './NewKey.tsx';
import { ScanQrCode } from './ScanQrCode.tsx';
import { SetupSteps } from './SetupSteps.tsx';

type Step = 0 | 1 | 2 | 3;

// The step is in the address so a reload stays where the user was; the key is asked for again, and
// the server answers with the pending one, so the key already scanned is the one shown.
const STEP_NAMES = ['', 'install', 'scan', 'verify'] as const;
const stepPath = (step: Step) => (step === 0 ? '/setup' : `/setup?step=${STEP_NAMES[step]}`);
function stepFrom(query: URLSearchParams): Step {
  const index = STEP_NAMES.indexOf((query.get('step') ?? '') as (typeof STEP_NAMES)[number]);
  return Math.max(index, 0) as Step;
}

/** Get started → Install an authenticator → Scan the QR code → Verify configuration → Setup successful. */
export function SetupWizard() {
  const { api, forget, me } = useSession();
  const step = stepFrom(useLocation().query);
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<{ code: string; text: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const go = (next: Step) => {
    setError(null);
    setNotice(null);
    navigate(stepPath(next));
    document.getElementById('setup-title')?.focus();
  };

  const refused = (caught: unknown) =>
    setError({ code: caught instanceof ApiError ? caught.code : 'unknown', text: errorText(caught) });

  const loadKey = async (load: () => Promise<Enrollment>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      setEnrollment(await load());
      setCode('');
      return true;
    } catch (caught) {
      refused(caught);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const showQrCode = async () => {
    if (await loadKey(api.startEnrollment)) go(2);
  };

  const newKey = async () => {
    const replaced = await loadKey(api.newEnrollmentKey);
    if (replaced) setNotice('A new key is shown. Scan it, or type it, in place of the one before.');
    return replaced;
  };

  // Opened (or reloaded) on a later step: fetch the pending key for it.
  useEffect(() => {
    if (step >= 2 && !enrollment && !busy && !error) void loadKey(api.startEnrollment);
  }, [step, enrollment]);

  const confirm = async (event: Event) => {
    event.preventDefault();
    if (code === '') {
      setError({ code: 'code_blank', text: errorMessages.code_blank as string });
      return;
    }
    setBusy(true);
    try {
      const confirmed = await api.confirmEnrollment(code);
      keepIssuedCodes({
        codes: confirmed.recoveryCodes,
        username: me?.user.username ?? '',
        organisation: me?.organisationName ?? '',
      });
      navigate('/setup/done', { replace: true });
      forget();
    } catch (caught) {
      const wrongKey = caught instanceof ApiError && caught.code === 'code_invalid' && enrollment;
      if (wrongKey)
        setError({
          code: 'code_invalid',
          text: enrollmentCodeRefused(enrollment.issuer, enrollment.account),
        });
      else refused(caught);
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  const titles = [
    'Two-factor authentication',
    'Install an authenticator',
    'Scan the QR code',
    'Verify configuration',
  ] as const;

  return (
    <div class="page wizard">
      <SetupSteps current={step} />
      <section class="card">
        <h1 id="setup-title" tabIndex={-1}>
          {titles[step]}
        </h1>
        {step === 0 && (
          <>
            <p>
              Two-factor authentication adds a second step to signing in: after your password, you enter a
              short code that only your device can make. Someone who learns your password still cannot get in.
            </p>
            <p class="note">
              <strong>Before you begin:</strong> at the end of the setup you will be signed out. Have your
              username and password ready to sign in again.
            </p>
            <div class="actions">
              <button type="button" class="button primary" onClick={() => go(1)}>
                Get started
              </button>
            </div>
          </>
        )}
        {step === 1 && (
          <>
            <p>You need an authenticator that makes time-based codes. Choose one:</p>
            <ul class="choices">
              <li>
                <strong>On a phone:</strong> any authenticator app from your phone’s app store (Android or
                iOS) that supports time-based one-time codes.
              </li>
              <li>
                <strong>On a computer without a phone:</strong> our authenticator browser extension for Chrome
                and Firefox. It reads the QR code straight from the next page.
              </li>
            </ul>
            <p>Open it and get it ready to add a new account, then choose Next.</p>
            <Message id="setup-error">{error?.text}</Message>
            <div class="actions">
              <button type="button" class="button primary" disabled={busy} onClick={() => void showQrCode()}>
                Next
              </button>
              <button
                type="button"
                class="button secondary"
                disabled={busy}
                onClick={() => void showQrCode()}
              >
                Skip, I already have one
              </button>
              <button type="button" class="button link" onClick={() => go(0)}>
                Back
              </button>
            </div>
          </>
        )}
        {step >= 2 && !enrollment && <Message id="setup-error">{error?.text}</Message>}
        {step === 2 && enrollment && (
          <>
            <ScanQrCode enrollment={enrollment} />
            <Message kind="info">{notice}</Message>
            <Message id="setup-error">{error?.text}</Message>
            <NewKey busy={busy} onConfirm={newKey} />
            <div class="actions">
              <button type="button" class="button primary" onClick={() => go(3)}>
                Next
              </button>
              <button type="button" class="button link" onClick={() => go(1)}>
                Back
              </button>
            </div>
          </>
        )}
        {step === 3 && enrollment && (
          <form onSubmit={confirm} noValidate>
            <p id="verify-hint">
              Enter the {enrollment.digits}-digit code your authenticator now shows for {enrollment.issuer}.
            </p>
            <CodeInput
              id="setup-code"
              label="Code from your authenticator"
              digits={enrollment.digits}
              value={code}
              onValue={setCode}
              hintId="verify-hint"
              errorId={error ? 'setup-error' : undefined}
              autoFocus
            />
            <Message id="setup-error">{error?.text}</Message>
            {error?.code === 'code_invalid' && <ClockHelp />}
            <div class="actions">
              {error?.code === 'enrollment_expired' ? (
                <button
                  type="button"
                  class="button primary"
                  disabled={busy}
                  onClick={() => void showQrCode()}
                >
                  Show a new QR code
                </button>
              ) : (
                <button type="submit" class="button primary" disabled={busy}>
                  {busy ? 'Checking…' : 'Confirm'}
                </button>
              )}
              <button type="button" class="button link" onClick={() => go(2)}>
                Back to the QR code
              </button>
            </div>
          </form>
        )}
      </section>
    </div>
  );
}
