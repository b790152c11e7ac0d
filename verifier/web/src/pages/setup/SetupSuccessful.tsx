import { useState } from 'preact/hooks';
import { Link } from '../../router.tsx';
import { takeIssuedCodes } from '../recovery-codes/issued-codes.ts';
import { RecoveryCodesList } from '../recovery-codes/RecoveryCodesList.tsx';

/**
 * End of setup: the server has signed the user out; they sign in again with password and code. The
 * recovery codes the confirmation answered are shown here once (a reload finds none).
 */
export function SetupSuccessful() {
  const [{ codes, username, organisation }] = useState(takeIssuedCodes);
  return (
    <div class="narrow">
      <section class="card success">
        <div class="success-mark" aria-hidden="true">
          ✓
        </div>
        <h1>Setup successful</h1>
        <p>
          Two-factor authentication is now on for your account, and you have been signed out. Sign in again
          with your username and password, then enter a new code from your authenticator.
        </p>
        <p>You will enter a code like this each time you sign in.</p>
        {codes.length > 0 && (
          <>
            <h2>Your recovery codes</h2>
            <RecoveryCodesList codes={codes} organisation={organisation} username={username} />
          </>
        )}
        <Link href="/sign-in" class="button primary wide">
          Go to sign in
        </Link>
      </section>
    </div>
  );
}
