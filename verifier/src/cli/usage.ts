/** The help text, printed by `help` and after every usage mistake. */
export const USAGE = `Usage: verifier <command>

Commands:
  serve                                   start the server (default)
  migrate                                 apply database migrations and exit
  admin reset-password [--password P]     new one-time password for "admin" (printed once)
  user add --username U --group G [--email E] [--display-name N] [--source local|sso] [--password P] [--two-factor] [--method totp|email]
  user reset-2fa --username U             delete the user's 2FA credential (lost device)
  user invite NAME | --all-without-password
                                          e-mail a one-time link to set a first password (24 hours; needs PUBLIC_URL)
  user export [--output FILE]             write every user as CSV (to stdout without --output)
  user import [--dry-run] FILE            create and update users from CSV, all or nothing
  settings grace --extend-to DATE         move the end of the grace period (YYYY-MM-DD, UTC) later
  keys reseal                             re-seal stored secrets with the first VERIFIER_MASTER_KEY
  oidc add-client --name NAME --redirect-uri URI [--redirect-uri URI] [--post-logout-uri URI] [--public]
                                          register an OpenID Connect client; its secret is shown once
  oidc clients                            list OpenID Connect clients and signing keys
  oidc remove-client CLIENT_ID            remove a client; its codes and tokens stop working
  oidc rotate-keys                        new signing key; the old one stays published until the next rotation
  backup FILE                             copy the SQLite database, even while serving, to a new FILE (0600);
                                          the master key is not in it: keep that separately

Environment: PORT, HOST, DATABASE_URL, VERIFIER_DATA_DIR, VERIFIER_MASTER_KEY, VERIFIER_MASTER_KEY_FILE,
VERIFIER_ADMIN_PASSWORD, COOKIE_SECURE, TRUST_PROXY, LOG_LEVEL, VERIFIER_WEB_ROOT, SMTP_URL, MAIL_FROM,
METRICS_TOKEN, PUBLIC_URL, OIDC_PROVIDER.`;
