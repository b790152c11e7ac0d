import type { TwoFactorReason } from '../api/types.ts';
import { Link } from '../router.tsx';

export interface PendingBannerProps {
  onSetupPage: boolean;
  /** An admin turned it on themself: "your admin has enabled" would be false. */
  isAdmin?: boolean;
  reason?: TwoFactorReason;
}

/**
 * Shown at the top of every page while the user's two-factor setup is Pending. It has no close button:
 * it goes away only once setup is done.
 */
export function PendingBanner({ onSetupPage, isAdmin = false, reason }: PendingBannerProps) {
  return (
    <section class="banner" aria-label="Two-factor authentication setup">
      <p>
        <span class="banner-icon" aria-hidden="true">
          !
        </span>
        {whyText(isAdmin, reason)}{' '}
        {onSetupPage ? <strong>Set it up now.</strong> : <Link href="/setup">Set it up now.</Link>}
      </p>
    </section>
  );
}

function whyText(isAdmin: boolean, reason: TwoFactorReason | undefined): string {
  if (reason === 'grace-period-ended') return 'Two-factor authentication is now required for every account.';
  if (isAdmin) return 'Two-factor authentication is turned on for your account.';
  return 'Your admin has enabled two-factor authentication for your account.';
}
