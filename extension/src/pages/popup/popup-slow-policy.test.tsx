// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '../../../test-support/fake-browser.ts';
import { savePendingScan } from '../../scan/pending.ts';
import { DEFAULT_SETTINGS } from '../../settings/settings.ts';
import { AUTO_LOCK_ALARM } from '../../vault/auto-lock.ts';
import { App } from './App.tsx';

// Chromium can leave a storage.managed read unanswered for a long time (its policy service still
// starting, or busy with the sync area's storage): the popup must not wait for it to finish an add.
const fake = vi.hoisted(() => ({ browser: undefined as unknown as ReturnType<typeof fakeBrowser> }));
vi.mock('../../platform/browser.ts', () => ({
  get browser() {
    return fake.browser;
  },
}));

const URI = 'otpauth://totp/Example:ana@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

beforeEach(() => {
  fake.browser = fakeBrowser();
  // The organisation's policy never arrives.
  Object.assign(fake.browser.storage, { managed: { get: () => new Promise(() => {}) } });
});
afterEach(() => cleanup());

describe('the popup while the managed policy does not answer', () => {
  it('adds a scanned account and shows the list, not the scan again as already in the list', async () => {
    render(<App />);
    fireEvent.input(await screen.findByLabelText('Password'), { target: { value: 'vault password' } });
    fireEvent.input(screen.getByLabelText('Confirm password'), { target: { value: 'vault password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
    await screen.findByText(/^No accounts yet/, {}, { timeout: 15_000 });

    await savePendingScan(fake.browser.storage.session, { texts: [URI], mode: 'page', at: Date.now() });
    await screen.findByText('Add this account?');
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));

    await screen.findByRole('button', { name: /^Copy Example ana@example\.com [\d ]+$/ });
    await waitFor(() => expect(screen.queryByText('Add this account?')).toBeNull());
    expect(screen.queryByText('Already in your list')).toBeNull();
    expect(await fake.browser.storage.session.get('pendingScan')).toEqual({});
  });

  it('still arms the auto-lock with the chosen idle time once the vault is open', async () => {
    render(<App />);
    fireEvent.input(await screen.findByLabelText('Password'), { target: { value: 'vault password' } });
    fireEvent.input(screen.getByLabelText('Confirm password'), { target: { value: 'vault password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
    await screen.findByText(/^No accounts yet/, {}, { timeout: 15_000 });
    await waitFor(() =>
      expect(fake.browser.alarms.scheduled.get(AUTO_LOCK_ALARM)).toEqual({
        delayInMinutes: DEFAULT_SETTINGS.idleMinutes,
      }),
    );
  });
});
