import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The OpenID Connect provider's tables (see src/oidc/). Independent of every other step, so it applies
 * in order beside any migration numbered before it.
 */
export const oidcProviderMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('oidc_models')
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('grant_id', 'text')
      .addColumn('user_code', 'text')
      .addColumn('uid', 'text')
      .addColumn('expires_at', 'bigint')
      .addColumn('consumed_at', 'bigint')
      .addPrimaryKeyConstraint('oidc_models_pk', ['model', 'id'])
      .execute();
    await db.schema.createIndex('oidc_models_grant_id').on('oidc_models').column('grant_id').execute();
    await db.schema.createIndex('oidc_models_uid').on('oidc_models').columns(['model', 'uid']).execute();
    await db.schema
      .createIndex('oidc_models_user_code')
      .on('oidc_models')
      .columns(['model', 'user_code'])
      .execute();
    await db.schema.createIndex('oidc_models_expires_at').on('oidc_models').column('expires_at').execute();
    await db.schema
      .createTable('oidc_signing_keys')
      .addColumn('kid', 'text', (c) => c.primaryKey())
      .addColumn('alg', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('public_jwk', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('secret_box', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    // One signing key at a time, also when two processes start on an empty database together.
    await db.schema
      .createIndex('oidc_signing_keys_one_current')
      .on('oidc_signing_keys')
      .column('state')
      .unique()
      .where(sql.ref('state'), '=', 'current')
      .execute();
    await db.schema
      .createTable('oidc_clients')
      .addColumn('client_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('redirect_uris', 'text', (c) => c.notNull())
      .addColumn('post_logout_redirect_uris', 'text', (c) => c.notNull())
      .addColumn('secret_hash', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
