import { useState } from 'preact/hooks';
import { spokenDuration } from '../../../src/wording/duration.ts';
import { ApiError } from '../api/client.ts';
import { emailCodeMessages, errorMessages, waitMessage } from '../api/errors.ts';
import { maskAddress } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ClockHelp } from '../ui/ClockHelp.tsx';
import { CodeInput } from '../ui/CodeInput.tsx';
import { Message } from '../ui/Message.tsx';
import { useCountdown } from '../ui/useCountdown.ts';
import { errorText } from '../ui/useLoad.ts';
import { RecoveryCodeForm } from './recovery-codes/RecoveryCodeForm.tsx';

/** The words for a refused code; e-mailed codes have their own (no authenticator, no device clock). */
function refusalText(caught: unknown, errorCode: string, wait: number | undefined, byEmail: boolean): string {
  if (errorCode === 'too_many_attempts' && wait) {
    return byEmail
      ? `Too many wrong codes in a row. Wait ${spokenDuration(wait)}, then enter the code from the latest e-mail.`
      : `Too many wrong codes in a row. Wait ${spokenDuration(wait)}, then enter the code your authenticator shows.`;
  }
  if (byEmail && caught instanceof ApiError) {
    if (errorCode === 'code_invalid' && caught.details.attemptsLeft === 0) {
      return 'That code is not right, and after 10 wrong codes it no longer works. Use Resend to get a new one.';
    }
    const words = emailCodeMessages[errorCode];
    if (words) return words;
  }
  return errorText(caught);
}

interface Refusal {
  code: string;
  text: string;
}

/** Second sign-in step: the code from the authenticator (or the e-mailed code). */
export function TwoFactorCode() {
  const { api, challenge, refresh, me } = useSession();
  const [code, setCode] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rememberDevice, setRememberDevice] = useState(false);
  // A refused Resend says how long to wait; the sentence counts down and Resend waits with it.
  const [resendAfter, setResendAfter] = useState<{ code: string; until: number } | null>(null);
  const waitLeft = useCountdown(resendAfter?.until ?? null);
  const waiting = resendAfter !== null && waitLeft > 0;
  const byEmail = challenge.method === 'email';
  // A Pending e-mail user's first code is their setup: it confirms the address.
  const confirming = byEmail && me?.user.twoFactorStatus === 'Pending';
  const challengeVoid = refusal?.code === 'challenge_void';
  // Authenticator users may sign in with a recovery code instead (e-mail users get a new code).
  const [withRecoveryCode, setWithRecoveryCode] = useState(false);
  const submitRecoveryCode = async (recoveryCode: string) => {
    await api.submitRecoveryCode(recoveryCode);
    await refresh();
    navigate('/', { replace: true });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setInfo(null);
    if (code === '') {
      const words = byEmail ? emailCodeMessages.code_blank : errorMessages.code_blank;
      setRefusal({ code: 'code_blank', text: words as string });
      return;
    }
    setBusy(true);
    try {
      await api.submitCode(code, rememberDevice);
      setRefusal(null);
      await refresh();
      navigate('/', { replace: true });
    } catch (caught) {
      const errorCode = caught instanceof ApiError ? caught.code : 'unknown';
      const wait = caught instanceof ApiError ? caught.retryAfterSeconds : undefined;
      setRefusal({ code: errorCode, text: refusalText(caught, errorCode, wait, byEmail) });
      // A void challenge keeps this page (and its way back to sign in) until the user moves on.
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  const resend = async () => {
    setRefusal(null);
    setResendAfter(null);
    try {
      await api.resendCode();
      setCode('');
      setInfo('A new e-mail has been sent. Enter the code from the latest e-mail.');
    } catch (caught) {
      const errorCode = caught instanceof ApiError ? caught.code : 'unknown';
      const wait = caught instanceof ApiError ? caught.retryAfterSeconds : undefined;
      if (wait && waitMessage(errorCode, wait)) {
        setResendAfter({ code: errorCode, until: Date.now() + wait * 1000 });
      } else {
        setRefusal({ code: errorCode, text: errorText(caught) });
      }
    }
  };

  return (
    <div class="narrow">
      <section class="card">
        <h1>{confirming ? 'Set up e-mailed codes' : 'Two-factor authentication'}</h1>
        <p id="code-hint">
          {confirming
            ? `We sent a code to ${maskAddress(me?.user.email ?? '')}. Type it here to finish setting up e-mailed codes. It is valid for 5 minutes.`
            : byEmail
              ? `Enter the ${challenge.digits}-digit code we sent to your e-mail address. It is valid for 5 minutes.`
              : `Open your authenticator and enter the ${challenge.digits}-digit code it shows for this account.`}
        </p>
        {challengeVoid ? (
          <>
            <Message id="code-error">{refusal?.text}</Message>
            <Link href="/sign-in" class="button primary wide">
              Back to sign in
            </Link>
          </>
        ) : withRecoveryCode && !byEmail ? (
          <RecoveryCodeForm
            submit={submitRecoveryCode}
            onCancel={() => setWithRecoveryCode(false)}
            onChallengeVoid={(text) => setRefusal({ code: 'challenge_void', text })}
          />
        ) : (
          <form onSubmit={submit} noValidate>
            <CodeInput
              id="code"
              label={byEmail ? 'Verification code' : 'Authentication code'}
              digits={challenge.digits}
              value={code}
              onValue={setCode}
              hintId="code-hint"
              errorId={refusal || waiting ? 'code-error' : undefined}
              autoFocus
            />
            <Message id="code-error">
              {waiting ? waitMessage(resendAfter.code, waitLeft) : refusal?.text}
            </Message>
            {refusal?.code === 'code_invalid' && !byEmail && <ClockHelp />}
            {challenge.rememberDays !== undefined && (
              <div class="field">
                <label class="check">
                  <input
                    type="checkbox"
                    checked={rememberDevice}
                    aria-describedby="remember-hint"
                    onChange={(event) => setRememberDevice(event.currentTarget.checked)}
                  />
                  Remember this device
                </label>
                <p id="remember-hint" class="hint">
                  {`For ${challenge.rememberDays === 1 ? '1 day' : `${challenge.rememberDays} days`}, signing in on this browser needs only your password. Leave it unticked on a shared or public computer.`}
                </p>
              </div>
            )}
            <Message kind="success">{info}</Message>
            <div class="actions">
              <button type="submit" class="button primary" disabled={busy}>
                {busy ? 'Checking…' : 'Confirm'}
              </button>
              {byEmail && (
                <button
                  type="button"
                  class="button secondary"
                  disabled={waiting}
                  onClick={() => void resend()}
                >
                  Resend
                </button>
              )}
            </div>
            {!byEmail && (
              <p class="aside">
                Lost your authenticator?{' '}
                <button type="button" class="link-button" onClick={() => setWithRecoveryCode(true)}>
                  Use a recovery code
                </button>
              </p>
            )}
            <p class="aside">
              Not you, or want to start over? <Link href="/sign-in">Back to sign in</Link>
            </p>
          </form>
        )}
      </section>
    </div>
  );
}
