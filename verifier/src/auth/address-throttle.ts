import type { Db } from '../db/schema.ts';
import { delayAfterAddressFailures } from './throttle-policy.ts';

/** Failures from an address are forgiven after an hour without any. */
export const ADDRESS_FORGET_AFTER_MS = 60 * 60_000;

/** Milliseconds until this client address may try a password again (0: now). */
export async function addressRetryAfterMs(db: Db, address: string, now: number): Promise<number> {
  const row = await db
    .selectFrom('address_throttle')
    .select('next_attempt_at')
    .where('address', '=', address)
    .executeTakeFirst();
  return row && row.next_attempt_at > now ? row.next_attempt_at - now : 0;
}

/** Counts one failed password from this address, atomically, and pushes its next allowed time. */
export async function recordAddressFailure(db: Db, address: string, now: number): Promise<void> {
  const { failures } = await db
    .insertInto('address_throttle')
    .values({ address, failures: 1, next_attempt_at: now })
    .onConflict((oc) =>
      oc.column('address').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('address_throttle.next_attempt_at', '<', now - ADDRESS_FORGET_AFTER_MS)
          .then(1)
          .else(eb('address_throttle.failures', '+', 1))
          .end(),
      })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('address_throttle')
    .set({ next_attempt_at: now + delayAfterAddressFailures(failures) })
    .where('address', '=', address)
    .execute();
}
