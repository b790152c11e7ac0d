import type { AdminUser } from '../../api/types.ts';
import { Link } from '../../router.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';

export interface UsersTableProps {
  users: AdminUser[];
  /** The "2FA status" column appears only once 2FA is enabled system-wide. */
  showTwoFactorStatus: boolean;
  onUnlock: (user: AdminUser) => void;
}

export function UsersTable({ users, showTwoFactorStatus, onUnlock }: UsersTableProps) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">Users</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            <th scope="col">E-mail</th>
            <th scope="col">Security access group</th>
            <th scope="col">Sign-in</th>
            {showTwoFactorStatus && <th scope="col">2FA status</th>}
            <th scope="col">Account</th>
          </tr>
        </thead>
        <tbody>
          {users.length === 0 && (
            <tr>
              <td colSpan={showTwoFactorStatus ? 7 : 6} class="empty">
                No users match.
              </td>
            </tr>
          )}
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">
                <Link href={`/admin/users/${encodeURIComponent(String(user.id))}`}>
                  {user.displayName || user.username}
                </Link>
              </th>
              <td>{user.username}</td>
              <td>{user.email || '—'}</td>
              <td>{user.group.name}</td>
              <td>{user.source === 'sso' ? 'SSO' : 'Local'}</td>
              {showTwoFactorStatus && (
                <td>
                  <StatusBadge status={user.twoFactorStatus} />
                </td>
              )}
              <td>
                {user.locked ? (
                  <span class="locked">
                    Locked{' '}
                    <button
                      type="button"
                      class="button secondary small"
                      onClick={() => onUnlock(user)}
                      aria-label={`Unlock ${user.username}`}
                    >
                      Unlock
                    </button>
                  </span>
                ) : (
                  'Active'
                )}
                {/* CSV imports create users without one: "Wrong password" would be all they hear. */}
                {user.hasPassword === false && (
                  <>
                    <br />
                    <span class="no-password">No password yet</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
