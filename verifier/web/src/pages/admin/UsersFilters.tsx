import { useEffect, useState } from 'preact/hooks';
import { SORT_KEYS, type SortKey } from '../../../../src/accounts/user-list-keys.ts';
import type { Group } from '../../api/types.ts';
import type { UsersView } from './users-view.ts';

const SORT_LABELS: Record<SortKey, string> = {
  name: 'Name',
  username: 'Username',
  email: 'E-mail',
  group: 'Security access group',
  source: 'Sign-in',
  status: '2FA status',
  pendingSince: 'Pending since',
  createdAt: 'Created',
};

export interface UsersFiltersProps {
  view: UsersView;
  groups: Group[];
  onChange: (view: UsersView) => void;
}

/**
 * Search, the filters and the sort as a form: each select applies at once, the search on Enter or
 * Search. The sort is here too, so it can be chosen where the column headers are stacked away.
 */
export function UsersFilters({ view, groups, onChange }: UsersFiltersProps) {
  const [search, setSearch] = useState(view.query);
  useEffect(() => setSearch(view.query), [view.query]);
  const change = (next: Partial<UsersView>) => onChange({ ...view, ...next, page: 1 });
  return (
    <search>
      <form
        class="search user-filters"
        aria-label="Filter users"
        onSubmit={(event) => {
          event.preventDefault();
          change({ query: search.trim() });
        }}
      >
        <div class="search-field">
          <label for="user-search">Search users</label>
          <div class="search-row">
            <input
              id="user-search"
              type="search"
              value={search}
              maxLength={100}
              placeholder="Name, username, e-mail or status"
              onInput={(event) => setSearch(event.currentTarget.value)}
            />
            <button type="submit" class="button secondary">
              Search
            </button>
          </div>
        </div>
        <div class="filter-field">
          <label for="filter-status">2FA status</label>
          <select
            id="filter-status"
            value={view.status ?? ''}
            onChange={(event) => {
              const value = event.currentTarget.value as UsersView['status'] | '';
              const { status: _, pendingDays: __, ...rest } = view;
              onChange({ ...rest, ...(value ? { status: value } : {}), page: 1 });
            }}
          >
            <option value="">Any</option>
            <option value="Pending">Pending</option>
            <option value="Activated">Activated</option>
            <option value="Disabled">Disabled</option>
          </select>
        </div>
        <div class="filter-field">
          <label for="filter-group">Security access group</label>
          <select
            id="filter-group"
            value={view.groupId === undefined ? '' : String(view.groupId)}
            onChange={(event) => {
              const value = event.currentTarget.value;
              const { groupId: _, ...rest } = view;
              onChange({ ...rest, ...(value ? { groupId: Number(value) } : {}), page: 1 });
            }}
          >
            <option value="">Any</option>
            {groups.map((group) => (
              <option key={group.id} value={String(group.id)}>
                {group.name}
              </option>
            ))}
          </select>
        </div>
        <div class="filter-field">
          <label for="filter-source">Sign-in</label>
          <select
            id="filter-source"
            value={view.source ?? ''}
            onChange={(event) => {
              const value = event.currentTarget.value;
              const { source: _, ...rest } = view;
              onChange({
                ...rest,
                ...(value === 'local' || value === 'sso' ? { source: value } : {}),
                page: 1,
              });
            }}
          >
            <option value="">Any</option>
            <option value="local">Local</option>
            <option value="sso">SSO</option>
          </select>
        </div>
        <label for="filter-no-password" class="check">
          <input
            id="filter-no-password"
            type="checkbox"
            checked={view.noPassword}
            onChange={(event) => change({ noPassword: event.currentTarget.checked })}
          />
          No password yet
        </label>
        <div class="filter-field">
          <label for="sort-by">Sort by</label>
          <select
            id="sort-by"
            value={view.sort}
            onChange={(event) => change({ sort: event.currentTarget.value as SortKey })}
          >
            {SORT_KEYS.map((key) => (
              <option key={key} value={key}>
                {SORT_LABELS[key]}
              </option>
            ))}
          </select>
        </div>
        <div class="filter-field">
          <label for="sort-order">Order</label>
          <select
            id="sort-order"
            value={view.order}
            onChange={(event) => change({ order: event.currentTarget.value === 'desc' ? 'desc' : 'asc' })}
          >
            <option value="asc">Ascending</option>
            <option value="desc">Descending</option>
          </select>
        </div>
      </form>
      {view.pendingDays !== undefined && (
        <p class="note">
          Showing users Pending for longer than {view.pendingDays} {view.pendingDays === 1 ? 'day' : 'days'}.{' '}
          <button
            type="button"
            class="button secondary small"
            onClick={() => {
              const { pendingDays: _, ...rest } = view;
              onChange({ ...rest, page: 1 });
            }}
          >
            Show all
          </button>
        </p>
      )}
    </search>
  );
}
