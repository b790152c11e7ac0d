import type { UserView } from '../accounts/users.ts';
import { writeAudit } from '../audit/audit-log.ts';
import type { Db } from '../db/schema.ts';

/**
 * An accepted e-mailed code proves the address it was sent to: the e-mail method's "Verify
 * configuration". Stores that address as confirmed (the user is Activated from now on) and audits the
 * first confirmation, in the caller's transaction. The write holds only while the address is still the
 * one the code went to: an admin's change in between deletes the code and is confirmed by its own code.
 */
export async function confirmAddress(
  trx: Db,
  user: Pick<UserView, 'id' | 'username' | 'email'>,
  { at, ip }: { at: number; ip: string },
): Promise<boolean> {
  const address = user.email;
  const result = await trx
    .updateTable('users')
    .set({ email_confirmed: address })
    .where('id', '=', user.id)
    .where('email', '=', address)
    .where((eb) => eb.or([eb('email_confirmed', 'is', null), eb('email_confirmed', '!=', address)]))
    .executeTakeFirst();
  if ((result.numUpdatedRows ?? 0n) === 0n) return false;
  await writeAudit(trx, {
    at,
    actor: user.username,
    event: 'account.email_confirmed',
    target: user.username,
    ip,
    detail: { address },
  });
  return true;
}
