import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, type DatabaseTarget, openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrations.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

/**
 * The migrator reads the catalogue of every schema to find its own tables; a schema that another
 * test file drops meanwhile makes that read fail ("schema ... does not exist"). Migrations hold
 * this advisory lock shared and drops hold it alone, so the two never overlap.
 */
const SCHEMA_CHANGES = 726_001;

async function whileNoSchemaIsDropped<T>(url: string, run: () => Promise<T>): Promise<T> {
  const guard = new pg.Client({ connectionString: url });
  await guard.connect();
  try {
    await guard.query('SELECT pg_advisory_lock_shared($1)', [SCHEMA_CHANGES]);
    return await run();
  } finally {
    await guard.end();
  }
}

let warned = false;

/**
 * SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. CI must test both, so there a
 * missing URL fails; elsewhere the PostgreSQL cases are left out with a notice, never silently.
 */
export function databaseKinds(): DatabaseKind[] {
  if (process.env.TEST_DATABASE_URL) return ['sqlite', 'postgres'];
  if (process.env.CI)
    throw new Error('CI runs the verifier suites on PostgreSQL too: set TEST_DATABASE_URL.');
  if (!warned) {
    warned = true;
    console.warn('TEST_DATABASE_URL is not set: the PostgreSQL cases of the verifier suites are skipped.');
  }
  return ['sqlite'];
}

export interface TestDatabase {
  kind: DatabaseKind;
  target: DatabaseTarget;
  /** The SQLite file, for reading its bytes. */
  file?: string;
  /** Opens one more handle on the same database (a second verifier process). */
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database: a temporary SQLite file, or a new PostgreSQL schema that is dropped
 * afterwards so test files never see each other's rows.
 */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'verifier-test-'));
    const file = join(dir, 'verifier.db');
    const target: DatabaseTarget = { kind: 'sqlite', file };
    return {
      kind,
      target,
      file,
      async open() {
        const handle = openDatabase(target);
        await migrateToLatest(handle.db, handle.dialect);
        return handle;
      },
      async drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL as string;
  const schema = `t_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL cannot be reached: ${(error as Error).message}`);
  }
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const target: DatabaseTarget = { kind: 'postgres', url, schema };
  return {
    kind,
    target,
    async open() {
      const handle = openDatabase(target);
      await whileNoSchemaIsDropped(url, () => migrateToLatest(handle.db, handle.dialect, schema));
      return handle;
    },
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_CHANGES]);
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
