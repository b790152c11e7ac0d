import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { errorMessages } from '../api/errors.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ClockHelp } from '../ui/ClockHelp.tsx';
import { CodeInput } from '../ui/CodeInput.tsx';
import { Message } from '../ui/Message.tsx';
import { errorText } from '../ui/useLoad.ts';

interface Refusal {
  code: string;
  text: string;
}

/** Second sign-in step: the code from the authenticator (or the e-mailed code). */
export function TwoFactorCode() {
  const { api, challenge, refresh } = useSession();
  const [code, setCode] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const byEmail = challenge.method === 'email';
  const challengeVoid = refusal?.code === 'challenge_void';

  const submit = async (event: Event) => {
    event.preventDefault();
    setInfo(null);
    if (code === '') {
      setRefusal({ code: 'code_blank', text: errorMessages.code_blank as string });
      return;
    }
    setBusy(true);
    try {
      await api.submitCode(code);
      setRefusal(null);
      await refresh();
      navigate('/', { replace: true });
    } catch (caught) {
      const errorCode = caught instanceof ApiError ? caught.code : 'unknown';
      const wait = caught instanceof ApiError ? caught.retryAfterSeconds : undefined;
      const text =
        errorCode === 'too_many_attempts' && wait
          ? `Too many wrong codes in a row. Wait ${wait} seconds, then enter the code your authenticator shows.`
          : errorText(caught);
      setRefusal({ code: errorCode, text });
      // A void challenge keeps this page (and its way back to sign in) until the user moves on.
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  const resend = async () => {
    setRefusal(null);
    try {
      await api.resendCode();
      setInfo('A new code is on its way to your e-mail address.');
    } catch (caught) {
      setRefusal({ code: caught instanceof ApiError ? caught.code : 'unknown', text: errorText(caught) });
    }
  };

  return (
    <div class="narrow">
      <section class="card">
        <h1>Two-factor authentication</h1>
        <p id="code-hint">
          {byEmail
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
        ) : (
          <form onSubmit={submit} noValidate>
            <CodeInput
              id="code"
              label={byEmail ? 'Verification code' : 'Authentication code'}
              digits={challenge.digits}
              value={code}
              onValue={setCode}
              hintId="code-hint"
              errorId={refusal ? 'code-error' : undefined}
              autoFocus
            />
            <Message id="code-error">{refusal?.text}</Message>
            {refusal?.code === 'code_invalid' && !byEmail && <ClockHelp />}
            <Message kind="success">{info}</Message>
            <div class="actions">
              <button type="submit" class="button primary" disabled={busy}>
                {busy ? 'Checking…' : 'Confirm'}
              </button>
              {byEmail && (
                <button type="button" class="button secondary" onClick={() => void resend()}>
                  Resend
                </button>
              )}
            </div>
            <p class="aside">
              Not you, or want to start over? <Link href="/sign-in">Back to sign in</Link>
            </p>
          </form>
        )}
      </section>
    </div>
  );
}
