import { Link } from '../router.tsx';

/**
 * Shown at the top of every page while the user's two-factor setup is Pending. It has no close button:
 * it goes away only once setup is done.
 */
export function PendingBanner({ onSetupPage }: { onSetupPage: boolean }) {
  return (
    <section class="banner" aria-label="Two-factor authentication setup">
      <p>
        <span class="banner-icon" aria-hidden="true">
          !
        </span>
        Your admin has enabled two-factor authentication for your account.{' '}
        {onSetupPage ? <strong>Set it up now.</strong> : <Link href="/setup">Set it up now.</Link>}
      </p>
    </section>
  );
}
