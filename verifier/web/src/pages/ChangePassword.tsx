import { pathForStep } from '../flow.ts';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { NewPasswordForm } from '../ui/NewPasswordForm.tsx';

/** First sign-in with a one-time password: choose a new one before going on. */
export function ChangePassword() {
  const { api, refresh, rememberChallenge } = useSession();

  const save = async (next: string, current: string) => {
    const answer = await api.changePassword(current, next);
    if (answer.step === 'code') rememberChallenge(answer);
    await refresh();
    navigate(pathForStep(answer.step), { replace: true });
  };

  return (
    <div class="narrow">
      <section class="card">
        <h1>Choose a new password</h1>
        <p>Your password was set by someone else. Choose your own before you go on.</p>
        <NewPasswordForm withCurrent label="New password" submitLabel="Change password" wide save={save} />
      </section>
    </div>
  );
}
