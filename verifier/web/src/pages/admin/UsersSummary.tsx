import { useState } from 'preact/hooks';
import type { TwoFactorStatus } from '../../api/types.ts';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { Message } from '../../ui/Message.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { DEFAULT_VIEW, usersViewHref } from './users-view.ts';

const STATUSES: TwoFactorStatus[] = ['Pending', 'Activated', 'Disabled'];
const users = (n: number) => (n === 1 ? '1 user' : `${n} users`);

/** System Settings' view of the users by 2FA status, each count a link to that list. */
export function UsersSummary() {
  const { api } = useSession();
  const [daysText, setDaysText] = useState('7');
  const days = /^\d{1,4}$/.test(daysText.trim()) ? Math.min(Number(daysText.trim()), 3650) : null;
  const summary = useLoad(() => api.usersSummary(days ?? 7), [days]);
  return (
    <section class="users-summary" aria-labelledby="users-summary-title">
      <h2 id="users-summary-title">Users by 2FA status</h2>
      <Message>{summary.error}</Message>
      {summary.data && (
        <dl>
          {STATUSES.map((status) => (
            <>
              <dt key={`${status}-t`}>{status}</dt>
              <dd key={`${status}-d`}>
                <Link href={usersViewHref({ ...DEFAULT_VIEW, status })}>
                  {users(summary.data?.byStatus[status] ?? 0)}
                </Link>
              </dd>
            </>
          ))}
        </dl>
      )}
      <p>
        <label for="pending-days">Pending for longer than (days)</label>{' '}
        <input
          id="pending-days"
          type="number"
          inputMode="numeric"
          min={0}
          max={3650}
          value={daysText}
          aria-invalid={days === null}
          aria-describedby="pending-days-count"
          onInput={(event) => setDaysText(event.currentTarget.value)}
        />
      </p>
      <p id="pending-days-count">
        {days === null
          ? 'Enter a whole number of days from 0 to 3650.'
          : summary.data && (
              <Link
                href={usersViewHref({
                  ...DEFAULT_VIEW,
                  status: 'Pending',
                  pendingDays: summary.data.pendingLonger.days,
                  sort: 'pendingSince',
                })}
              >
                {users(summary.data.pendingLonger.count)} Pending for longer than{' '}
                {summary.data.pendingLonger.days} {summary.data.pendingLonger.days === 1 ? 'day' : 'days'}
              </Link>
            )}
      </p>
    </section>
  );
}
