import { writeAudit } from '../audit/audit-log.ts';
import type { Db } from '../db/schema.ts';
import { MailDeliveryError, type Mailer } from '../mail/index.ts';
import { readSettings } from '../settings/settings.ts';
import { type BulkOutcome, SKIPS, skip } from './bulk-outcome.ts';
import type { BulkActor } from './bulk-two-factor.ts';
import { selectedUsers } from './bulk-two-factor.ts';
import { refreshPendingSince } from './pending-since.ts';
import { reminderMessage } from './reminder-message.ts';

export interface ReminderDeps {
  db: Db;
  mailer: Mailer;
  publicUrl?: string | undefined;
}

/**
 * E-mails each selected Pending user a reminder to set up 2FA, one by one, with an audit entry per
 * e-mail sent. Users who are not Pending or have no address are skipped with the reason. Nothing is
 * written but the audit log, so there is nothing to roll back; a failure of the mail server stops
 * the run (the next ones would fail too) and says so.
 */
export async function sendReminders(
  deps: ReminderDeps,
  ids: readonly number[],
  by: BulkActor,
): Promise<BulkOutcome> {
  await refreshPendingSince(deps.db, by.at);
  const users = await selectedUsers(deps.db, ids, by.at);
  const { organisationName } = await readSettings(deps.db);
  const outcome: BulkOutcome = { done: [], skipped: [] };
  for (const user of users) {
    if (user.twoFactorStatus !== 'Pending') {
      outcome.skipped.push(skip(user.username, SKIPS.notPending));
      continue;
    }
    const to = user.email.trim();
    if (to === '') {
      outcome.skipped.push(skip(user.username, SKIPS.noAddress));
      continue;
    }
    const message = reminderMessage(to, {
      displayName: user.displayName || user.username,
      username: user.username,
      organisation: organisationName,
      signInUrl: deps.publicUrl,
      pendingSince: user.pendingSince === null ? null : Date.parse(user.pendingSince),
    });
    try {
      await deps.mailer.send(message);
    } catch (error) {
      if (!(error instanceof MailDeliveryError)) throw error;
      outcome.stopped = {
        code: 'mail_unavailable',
        message: `The mail server did not take the reminder to ${user.username}; no more were sent. Try again later.`,
      };
      break;
    }
    await writeAudit(deps.db, {
      at: by.at,
      actor: by.username,
      event: 'reminder.sent',
      target: user.username,
      ip: by.ip,
      detail: { address: to },
    });
    outcome.done.push(user.username);
  }
  return outcome;
}
