import { writeAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/schema.ts';
import { MailDeliveryError, type Mailer } from '../mail/index.ts';
import { readSettings } from '../settings/settings.ts';
import type { SecurityMailKind } from './kinds.ts';
import { noticeMessage } from './render-notice.ts';
import { isSecurityMailOn } from './security-mail-settings.ts';

export interface SecurityNoticeDeps {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  /** Where a failed delivery is logged (a request's logger); never given the message. */
  log?: { warn(detail: object, message: string): void };
}

export interface NoticeUser {
  username: string;
  email: string;
  displayName: string;
}

export interface NoticeDetails {
  /** The address the change came from, when a request made it. */
  ip?: string;
  /** Who made it, for the audit entry: the user, an admin or `cli`. */
  actor?: string;
  /** Recovery codes left (recovery_code_used). */
  left?: number;
}

export type NoticeOutcome = 'sent' | 'switched_off' | 'no_address' | 'failed';

/** Notices still being sent, per mailer, so closing the app can wait for them (see settleNotices). */
const pending = new WeakMap<Mailer, Set<Promise<unknown>>>();

/**
 * Tells the user by e-mail of a change to their sign-in (ASVS 6.3.7), unless the admin switched the
 * kind off or the user has no address. It never throws and the action it reports never waits on it
 * (callers do not await it in a request): a failed delivery is logged without the message and audited.
 */
export function sendSecurityNotice(
  deps: SecurityNoticeDeps,
  user: NoticeUser,
  kind: SecurityMailKind,
  details: NoticeDetails = {},
): Promise<NoticeOutcome> {
  return trackNotices(
    deps.mailer,
    deliver(deps, user, kind, details).catch(() => 'failed' as const),
  );
}

/** Counts `work` among the notices under way through `mailer` until it settles. */
export function trackNotices<T>(mailer: Mailer, work: Promise<T>): Promise<T> {
  const set = pending.get(mailer) ?? new Set();
  pending.set(mailer, set);
  set.add(work);
  void work.finally(() => set.delete(work)).catch(() => {});
  return work;
}

/** Waits for every notice sent through `mailer` (on close, before the database closes). */
export async function settleNotices(mailer: Mailer): Promise<void> {
  for (let set = pending.get(mailer); set && set.size > 0; set = pending.get(mailer)) {
    await Promise.allSettled([...set]);
  }
}

async function deliver(
  deps: SecurityNoticeDeps,
  user: NoticeUser,
  kind: SecurityMailKind,
  details: NoticeDetails,
): Promise<NoticeOutcome> {
  const address = user.email.trim();
  if (address === '') return 'no_address';
  if (!(await isSecurityMailOn(deps.db, kind))) return 'switched_off';
  const now = deps.clock.now();
  const { organisationName } = await readSettings(deps.db);
  const message = noticeMessage(address, kind, {
    displayName: user.displayName || user.username,
    username: user.username,
    organisation: organisationName,
    time: new Date(now).toUTCString(),
    address: details.ip ?? 'an administrator',
    left: String(details.left ?? 0),
  });
  const audit = {
    at: now,
    actor: details.actor ?? user.username,
    target: user.username,
    ip: details.ip ?? null,
  };
  try {
    await deps.mailer.send(message);
  } catch (error) {
    const detail = error instanceof MailDeliveryError ? error.detail : {};
    deps.log?.warn({ kind, ...detail }, 'security e-mail not sent');
    await writeAudit(deps.db, { ...audit, event: 'security_mail.send_failed', detail: { kind, ...detail } });
    return 'failed';
  }
  await writeAudit(deps.db, { ...audit, event: 'security_mail.sent', detail: { kind, to: address } });
  return 'sent';
}
