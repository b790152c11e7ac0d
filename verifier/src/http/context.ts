import type { Clock } from '../clock.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { Dialect } from '../db/migrations.ts';
import type { Db } from '../db/schema.ts';

/** Everything a route needs from the outside world, passed in so tests can choose each part. */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  box: SecretBox;
  clock: Clock;
  cookieSecure: boolean;
}
