// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '../../../../test-support/fake-browser.ts';
import { SYNC_SETTINGS_KEY } from '../../../sync/sync-settings.ts';
import { SyncSettings } from './SyncSettings.tsx';

const fake = vi.hoisted(() => ({ browser: undefined as unknown as ReturnType<typeof fakeBrowser> }));
vi.mock('../../../platform/browser.ts', () => ({
  get browser() {
    return fake.browser;
  },
}));

beforeEach(() => {
  fake.browser = fakeBrowser();
});
afterEach(cleanup);

const LABEL = 'Sync accounts through this browser’s account (sealed with your vault key)';
const stored = async () =>
  (await fake.browser.storage.local.get(SYNC_SETTINGS_KEY))[SYNC_SETTINGS_KEY] as { enabled: boolean };

describe('the Sync section of Settings', () => {
  it('is off at first; ticking it records the choice and the line follows what the background reports', async () => {
    render(<SyncSettings passwordless={false} />);
    const box = (await screen.findByLabelText(LABEL)) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByRole('status').textContent).toMatch(/^Sync is off/);
    fireEvent.click(box);
    await vi.waitFor(async () => expect(await stored()).toMatchObject({ enabled: true }));
    await screen.findByText('Syncing…');
    const settings = await stored();
    await fake.browser.storage.local.set({
      [SYNC_SETTINGS_KEY]: {
        ...settings,
        status: { kind: 'quota', neededBytes: 140_000, allowedBytes: 102_400 },
      },
    });
    await screen.findByText(/^Sync is paused: your accounts need 137 KB, the browser allows 100 KB\./);
  });

  it('cannot be turned on for a vault without a password, and says why', async () => {
    render(<SyncSettings passwordless={true} />);
    expect(((await screen.findByLabelText(LABEL)) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Sync needs a vault password: set one below first.');
  });
});
