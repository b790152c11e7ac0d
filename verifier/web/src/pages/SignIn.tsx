import { useState } from 'preact/hooks';
import { spokenDuration } from '../../../src/wording/duration.ts';
import { ApiError } from '../api/client.ts';
import { pathForStep } from '../flow.ts';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { Field } from '../ui/Field.tsx';
import { Message } from '../ui/Message.tsx';
import { errorText } from '../ui/useLoad.ts';

export function SignIn() {
  const { api, notice, setNotice, refresh, rememberChallenge } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await api.login(username.trim(), password);
      setNotice(null);
      if (answer.step === 'code') rememberChallenge(answer);
      await refresh();
      navigate(pathForStep(answer.step), { replace: true });
    } catch (caught) {
      setPassword('');
      if (caught instanceof ApiError && caught.code === 'too_many_attempts' && caught.retryAfterSeconds) {
        setError(`Too many attempts. Wait ${spokenDuration(caught.retryAfterSeconds)} and try again.`);
      } else {
        setError(errorText(caught));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="narrow">
      <section class="card">
        <h1>Sign in</h1>
        <p class="lead">
          Use your username and password. If two-factor authentication is on for your account, you will enter
          a code from your authenticator next.
        </p>
        <Message kind="info">{notice}</Message>
        <form onSubmit={submit} noValidate>
          <Field
            id="username"
            label="Username"
            value={username}
            onValue={setUsername}
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            required
          />
          <Field
            id="password"
            label="Password"
            type="password"
            value={password}
            onValue={setPassword}
            autoComplete="current-password"
            required
            errorId={error ? 'sign-in-error' : undefined}
          />
          <Message id="sign-in-error">{error}</Message>
          <button type="submit" class="button primary wide" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </section>
    </div>
  );
}
