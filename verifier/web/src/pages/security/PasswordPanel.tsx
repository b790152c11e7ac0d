import { useSession } from '../../session.tsx';
import { NewPasswordForm } from '../../ui/NewPasswordForm.tsx';

/** Change password on the security page: the current password re-authenticates the change. */
export function PasswordPanel({ onChanged }: { onChanged: () => void }) {
  const { api } = useSession();

  const save = async (next: string, current: string) => {
    await api.changePassword(current, next);
    onChanged();
  };

  return (
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <NewPasswordForm withCurrent label="New password" submitLabel="Change password" save={save} />
    </section>
  );
}
