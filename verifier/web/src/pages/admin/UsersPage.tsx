import { useState } from 'preact/hooks';
import type { AdminUser } from '../../api/types.ts';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { Message } from '../../ui/Message.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { errorText, useLoad } from '../../ui/useLoad.ts';
import { BulkInvitations } from './BulkInvitations.tsx';
import { UsersImport } from './UsersImport.tsx';
import { UsersTable } from './UsersTable.tsx';

const pageSize = 25;

export function UsersPage() {
  const { api } = useSession();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [imports, setImports] = useState(0);
  const settings = useLoad(() => api.settings(), []);
  const users = useLoad(() => api.users(query, page, pageSize), [query, page]);

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
      <search>
        <form
          class="search"
          onSubmit={(event) => {
            event.preventDefault();
            setPage(1);
            setQuery(search.trim());
          }}
        >
          <label for="user-search">Search users</label>
          <div class="search-row">
            <input
              id="user-search"
              type="search"
              value={search}
              placeholder="Name, username or e-mail"
              onInput={(event) => setSearch(event.currentTarget.value)}
            />
            <button type="submit" class="button secondary">
              Search
            </button>
          </div>
        </form>
      </search>
      <Message>{error ?? users.error ?? settings.error}</Message>
      <Message kind="success">{status}</Message>
      {/* Wait for the settings too, so the 2FA status column does not pop in after the table. */}
      {users.data && settings.data && (
        <>
          <UsersTable
            users={users.data.items}
            showTwoFactorStatus={settings.data.twoFactorEnabled}
            onUnlock={(user) => void unlock(user)}
          />
          <Pager
            label="Users pages"
            page={users.data.page}
            pageSize={users.data.pageSize}
            total={users.data.total}
            onPage={setPage}
          />
        </>
      )}
      {!(users.data && settings.data) && !users.error && !settings.error && <p aria-busy="true">Loading…</p>}
    </section>
  );
}
