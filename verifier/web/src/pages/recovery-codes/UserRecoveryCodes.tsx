import { useEffect, useState } from 'preact/hooks';
import type { AdminUser, RecoveryCodesLeft } from '../../api/types.ts';
import { useSession } from '../../session.tsx';

/** Edit user: how many recovery codes the user has left (a reset of 2FA deletes them). */
export function UserRecoveryCodes({ user }: { user: AdminUser }) {
  const { api } = useSession();
  const [left, setLeft] = useState<RecoveryCodesLeft | null>(null);
  useEffect(() => {
    api.userRecoveryCodesLeft(user.id).then(setLeft, () => setLeft(null));
  }, [user.id, user.twoFactorStatus, user.method]);
  if (!left?.available) return null;
  return (
    <div class="note">
      <p>
        Recovery codes left: <strong>{left.left}</strong> of 10.
        {left.left === 0 && ' The user should make new ones on their home page.'}
      </p>
    </div>
  );
}
