// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PendingBanner } from './PendingBanner.tsx';

afterEach(cleanup);

describe('the set-up banner', () => {
  it('tells the user their admin enabled 2FA and links to the setup', () => {
    render(<PendingBanner onSetupPage={false} />);
    const banner = screen.getByRole('region', { name: 'Two-factor authentication setup' });
    expect(banner.textContent).toContain(
      'Your admin has enabled two-factor authentication for your account. Set it up now.',
    );
    expect(screen.getByRole('link', { name: 'Set it up now.' }).getAttribute('href')).toBe('/setup');
  });

  it('cannot be dismissed', () => {
    render(<PendingBanner onSetupPage={false} />);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('does not tell the admin that their admin enabled it', () => {
    render(<PendingBanner onSetupPage={false} isAdmin={true} reason="user-on" />);
    const banner = screen.getByRole('region', { name: 'Two-factor authentication setup' });
    expect(banner.textContent).not.toContain('Your admin');
    expect(banner.textContent).toContain('Two-factor authentication is turned on for your account.');
  });

  it('says the grace period has ended rather than that an admin enabled it', () => {
    render(<PendingBanner onSetupPage={false} isAdmin={false} reason="grace-period-ended" />);
    const banner = screen.getByRole('region', { name: 'Two-factor authentication setup' });
    expect(banner.textContent).not.toContain('Your admin');
    expect(banner.textContent).toContain('Two-factor authentication is now required for every account.');
  });
});
