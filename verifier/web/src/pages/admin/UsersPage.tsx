import { useEffect, useState } from 'preact/hooks';
import type { AdminUser } from '../../api/types.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { Message } from '../../ui/Message.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { errorText, useLoad } from '../../ui/useLoad.ts';
import { BulkInvitations } from './BulkInvitations.tsx';
import { UsersBulkBar } from './UsersBulkBar.tsx';
import { UsersFilters } from './UsersFilters.tsx';
import { UsersImport } from './UsersImport.tsx';
import { UsersTable } from './UsersTable.tsx';
import { filterOf, parseUsersView, type UsersView, usersViewHref, usersViewParams } from './users-view.ts';

const pageSize = 25;

export function UsersPage() {
  const { api } = useSession();
  const location = useLocation();
  // The address holds the view: filters, sort and page survive a reload and can be bookmarked.
  const view = parseUsersView(location.query);
  const params = usersViewParams(view);
  const key = JSON.stringify(params);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [imports, setImports] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const settings = useLoad(() => api.settings(), []);
  const groups = useLoad(() => api.groups(), []);
  const users = useLoad(() => api.users({ ...params, pageSize }), [key]);

  // A new filter is a new set of users: the selection was made in the old one.
  const filterKey = JSON.stringify(filterOf(view));
  useEffect(() => {
    setSelected(new Set());
    setAllMatching(false);
  }, [filterKey]);

  const show = (next: UsersView) => navigate(usersViewHref(next));

  const unlock = async (user: AdminUser) => {
    setError(null);
    try {
      await api.unlockUser(user.id);
      setStatus(`${user.username} is unlocked.`);
      users.reload();
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  const toggle = (ids: number[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    setSelected(next);
    setAllMatching(false);
  };

  const total = users.data?.total ?? 0;
  const count = allMatching ? total : selected.size;
  const selection = allMatching ? { filter: filterOf(view) } : { ids: [...selected] };
  const pageIds = users.data?.items.map((u) => u.id) ?? [];
  const pageAllSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));

  return (
    <section class="card">
      <div class="card-head">
        <h1>Users</h1>
        <div class="card-actions">
          <a class="button secondary" href={api.usersExportUrl} download="users.csv">
            Export CSV
          </a>
          <Link href="/admin/users/new" class="button primary">
            Add user
          </Link>
        </div>
      </div>
      <UsersImport
        onImported={() => {
          users.reload();
          setImports(imports + 1);
        }}
      />
      <BulkInvitations round={imports} />
      <UsersFilters view={view} groups={groups.data?.items ?? []} onChange={show} />
      <Message>{error ?? users.error ?? settings.error}</Message>
      <Message kind="success">{status}</Message>
      {users.data && pageAllSelected && !allMatching && total > pageIds.length && (
        <p class="note">
          All {pageIds.length} users on this page are selected.{' '}
          <button type="button" class="button secondary small" onClick={() => setAllMatching(true)}>
            Select all {total} users that match
          </button>
        </p>
      )}
      {allMatching && (
        <p class="note">
          All {total} users that match are selected.{' '}
          <button type="button" class="button secondary small" onClick={() => toggle(pageIds, false)}>
            Clear selection
          </button>
        </p>
      )}
      <UsersBulkBar
        count={count}
        selection={selection}
        onDone={() => {
          setSelected(new Set());
          setAllMatching(false);
          users.reload();
        }}
      />
      {/* Wait for the settings too, so the 2FA status column does not pop in after the table. */}
      {users.data && settings.data && (
        <>
          <UsersTable
            users={users.data.items}
            showTwoFactorStatus={settings.data.twoFactorEnabled}
            onUnlock={(user) => void unlock(user)}
            sorting={{
              sort: view.sort,
              order: view.order,
              onSort: (sort) =>
                show({
                  ...view,
                  sort,
                  order: view.sort === sort && view.order === 'asc' ? 'desc' : 'asc',
                  page: 1,
                }),
            }}
            selection={{
              selected: allMatching ? new Set(pageIds) : selected,
              onToggle: (user, on) => toggle([user.id], on),
              onTogglePage: (on) => toggle(pageIds, on),
            }}
          />
          <Pager
            label="Users pages"
            page={users.data.page}
            pageSize={users.data.pageSize}
            total={users.data.total}
            onPage={(page) => show({ ...view, page })}
          />
        </>
      )}
      {!(users.data && settings.data) && !users.error && !settings.error && <p aria-busy="true">Loading…</p>}
    </section>
  );
}
