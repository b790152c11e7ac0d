import type { SecurityMailKind } from './kinds.ts';
import {
  type NoticeDetails,
  type NoticeOutcome,
  type SecurityNoticeDeps,
  sendSecurityNotice,
  trackNotices,
} from './send-security-notice.ts';

/** Security e-mails to users named by id (after an admin action on one or many), each kind once per user. */
export function notifyUsers(
  deps: SecurityNoticeDeps,
  notices: readonly { userId: number; kinds: readonly SecurityMailKind[] }[],
  details: NoticeDetails,
): Promise<NoticeOutcome[]> {
  // Tracked whole: its own read of the users comes before the notices it sends.
  return trackNotices(
    deps.mailer,
    notify(deps, notices, details).catch(() => []),
  );
}

async function notify(
  deps: SecurityNoticeDeps,
  notices: readonly { userId: number; kinds: readonly SecurityMailKind[] }[],
  details: NoticeDetails,
): Promise<NoticeOutcome[]> {
  const wanted = notices.filter((notice) => notice.kinds.length > 0);
  if (wanted.length === 0) return [];
  const sending: Promise<NoticeOutcome>[] = [];
  // Read in batches so a large import does not build one statement with thousands of parameters.
  for (let start = 0; start < wanted.length; start += 500) {
    const batch = wanted.slice(start, start + 500);
    const rows = await deps.db
      .selectFrom('users')
      .select(['id', 'username', 'email', 'display_name'])
      .where(
        'id',
        'in',
        batch.map((notice) => notice.userId),
      )
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const notice of batch) {
      const row = byId.get(notice.userId);
      if (!row) continue;
      const user = { username: row.username, email: row.email, displayName: row.display_name };
      for (const kind of notice.kinds) sending.push(sendSecurityNotice(deps, user, kind, details));
    }
  }
  return Promise.all(sending);
}
