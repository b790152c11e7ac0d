import type { Clock } from '../clock.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { Dialect } from '../db/migrations.ts';
import type { Db } from '../db/schema.ts';
import type { ForwardAuthSettings } from '../forward-auth/settings.ts';
import type { Mailer } from '../mail/index.ts';

/** Everything a route needs from the outside world, passed in so tests can choose each part. */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  box: SecretBox;
  clock: Clock;
  cookieSecure: boolean;
  /** COOKIE_DOMAIN: the parent domain the session cookie is set for (unset: this host only). */
  cookieDomain?: string;
  /** Forward-auth for a reverse proxy; unset, GET /api/forward-auth answers 404. */
  forwardAuth?: ForwardAuthSettings;
  /** Sends e-mailed sign-in codes: SMTP, or .eml files in the outbox folder. */
  mailer: Mailer;
  /** HMAC key for the stored hashes of e-mailed codes (derived from the master key). */
  emailCodeKey: Uint8Array;
  /** HMAC key that signs device tokens (derived from the master key). */
  deviceTokenKey: Uint8Array;
  /** PUBLIC_URL: where links in e-mails point (invitations); unset, none are sent. */
  publicUrl?: string | undefined;
  /** The OpenID Connect issuer (`${PUBLIC_URL}/oidc` with OIDC_PROVIDER=true); unset, no provider. */
  oidcIssuer?: string | undefined;
}
