import type { SortKey } from '../../../../src/accounts/user-list-keys.ts';
import type { AdminUser } from '../../api/types.ts';
import { formatDateTime } from '../../format.ts';
import { Link } from '../../router.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';

export interface UsersSort {
  sort: SortKey;
  order: 'asc' | 'desc';
  onSort: (sort: SortKey) => void;
}

export interface UsersSelection {
  selected: ReadonlySet<number>;
  onToggle: (user: AdminUser, selected: boolean) => void;
  onTogglePage: (selected: boolean) => void;
}

export interface UsersTableProps {
  users: AdminUser[];
  /** The "2FA status" and "Pending since" columns appear only once 2FA is enabled system-wide. */
  showTwoFactorStatus: boolean;
  onUnlock: (user: AdminUser) => void;
  /** Column headers that sort the list; without it the headers are plain. */
  sorting?: UsersSort;
  /** A checkbox per row for the bulk actions; without it there is none. */
  selection?: UsersSelection;
}

function SortHeader({ label, column, sorting }: { label: string; column: SortKey; sorting?: UsersSort }) {
  if (!sorting) return <th scope="col">{label}</th>;
  const active = sorting.sort === column;
  const ariaSort = active ? (sorting.order === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" class="sort-button" onClick={() => sorting.onSort(column)}>
        {label}
        <span aria-hidden="true" class="sort-mark">
          {active ? (sorting.order === 'asc' ? ' ▲' : ' ▼') : ''}
        </span>
      </button>
    </th>
  );
}

/**
 * The users as a table; on a narrow screen each row stacks its cells under their labels (admin.css),
 * so the status stays in view at 360 px instead of scrolling off to the right.
 */
export function UsersTable({ users, showTwoFactorStatus, onUnlock, sorting, selection }: UsersTableProps) {
  const columns = 6 + (showTwoFactorStatus ? 2 : 0) + (selection ? 1 : 0);
  const pageSelected =
    selection !== undefined && users.length > 0 && users.every((u) => selection.selected.has(u.id));
  return (
    <div class="table-wrap">
      <table class="users-table">
        <caption class="visually-hidden">Users</caption>
        <thead>
          <tr>
            {selection && (
              <td class="select-cell">
                <input
                  type="checkbox"
                  aria-label="Select every user on this page"
                  checked={pageSelected}
                  onChange={(event) => selection.onTogglePage(event.currentTarget.checked)}
                />
              </td>
            )}
            <SortHeader label="Name" column="name" sorting={sorting} />
            <SortHeader label="Username" column="username" sorting={sorting} />
            <SortHeader label="E-mail" column="email" sorting={sorting} />
            <SortHeader label="Security access group" column="group" sorting={sorting} />
            <SortHeader label="Sign-in" column="source" sorting={sorting} />
            {showTwoFactorStatus && <SortHeader label="2FA status" column="status" sorting={sorting} />}
            {showTwoFactorStatus && (
              <SortHeader label="Pending since" column="pendingSince" sorting={sorting} />
            )}
            <th scope="col">Account</th>
          </tr>
        </thead>
        <tbody>
          {users.length === 0 && (
            <tr>
              <td colSpan={columns} class="empty">
                No users match.
              </td>
            </tr>
          )}
          {users.map((user) => (
            <tr key={user.id} class={selection?.selected.has(user.id) ? 'selected' : undefined}>
              {selection && (
                <td class="select-cell">
                  <input
                    type="checkbox"
                    aria-label={`Select ${user.username}`}
                    checked={selection.selected.has(user.id)}
                    onChange={(event) => selection.onToggle(user, event.currentTarget.checked)}
                  />
                </td>
              )}
              <th scope="row" data-label="Name">
                <Link href={`/admin/users/${encodeURIComponent(String(user.id))}`}>
                  {user.displayName || user.username}
                </Link>
              </th>
              <td data-label="Username">{user.username}</td>
              <td data-label="E-mail">{user.email || '—'}</td>
              <td data-label="Group">{user.group.name}</td>
              <td data-label="Sign-in">{user.source === 'sso' ? 'SSO' : 'Local'}</td>
              {showTwoFactorStatus && (
                <td data-label="2FA status" class="status-cell">
                  <StatusBadge status={user.twoFactorStatus} />
                </td>
              )}
              {showTwoFactorStatus && (
                <td data-label="Pending since" class={user.pendingSince ? undefined : 'empty-cell'}>
                  {user.pendingSince ? formatDateTime(user.pendingSince) : '—'}
                </td>
              )}
              <td data-label="Account">
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
