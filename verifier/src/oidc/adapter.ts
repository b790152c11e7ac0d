import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../db/schema.ts';
import { findClientMetadata } from './client-store.ts';

/**
 * oidc-provider's storage in one table keyed by model name and id, on SQLite and PostgreSQL alike,
 * so every verifier process sees the same codes, tokens, sessions and interactions. Clients are not
 * stored here: the admin's registrations (oidc_clients) are read instead.
 *
 * Expiry is the provider's own: it counts in real seconds (its tokens' `exp`), so `now` must be the
 * wall clock, not the verifier's injected one.
 */
export function createAdapterClass(db: Db, now: () => number = Date.now) {
  return class DatabaseAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const row = {
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? null,
        user_code: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expires_at: expiresIn ? now() + expiresIn * 1000 : null,
      };
      await db
        .insertInto('oidc_models')
        .values({ model: this.model, id, consumed_at: null, ...row })
        .onConflict((conflict) => conflict.columns(['model', 'id']).doUpdateSet(row))
        .execute();
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') return findClientMetadata(db, id);
      return this.read('id', id);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.read('uid', uid);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.read('user_code', userCode);
    }

    /** Marks a one-time record used; the provider refuses it from then on and revokes its grant. */
    async consume(id: string): Promise<void> {
      await db
        .updateTable('oidc_models')
        .set({ consumed_at: now() })
        .where('model', '=', this.model)
        .where('id', '=', id)
        .execute();
    }

    async destroy(id: string): Promise<void> {
      await db.deleteFrom('oidc_models').where('model', '=', this.model).where('id', '=', id).execute();
    }

    /** Everything issued under a grant goes with it: codes, access tokens, the grant itself. */
    async revokeByGrantId(grantId: string): Promise<void> {
      await db.deleteFrom('oidc_models').where('grant_id', '=', grantId).execute();
    }

    private async read(column: 'id' | 'uid' | 'user_code', value: string) {
      const row = await db
        .selectFrom('oidc_models')
        .select(['payload', 'expires_at', 'consumed_at'])
        .where('model', '=', this.model)
        .where(column, '=', value)
        .executeTakeFirst();
      if (!row || (row.expires_at !== null && Number(row.expires_at) <= now())) return undefined;
      const payload = JSON.parse(row.payload) as AdapterPayload;
      return row.consumed_at === null
        ? payload
        : { ...payload, consumed: Math.floor(Number(row.consumed_at) / 1000) };
    }
  };
}

/** Housekeeping: provider records past their expiry. */
export async function purgeExpiredOidcRecords(db: Db, at: number): Promise<void> {
  await db.deleteFrom('oidc_models').where('expires_at', '<=', at).execute();
}
