// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { base32Decode, totp } from '../../../../shared/index.ts';
import { fakeBrowser } from '../../../test-support/fake-browser.ts';
import { App } from './App.tsx';

// The popup's own state and actions (usePopup) on in-memory browser storage with Chrome's semantics.
const fake = vi.hoisted(() => ({ browser: undefined as unknown as ReturnType<typeof fakeBrowser> }));
vi.mock('../../platform/browser.ts', () => ({
  get browser() {
    return fake.browser;
  },
}));

beforeEach(() => {
  fake.browser = fakeBrowser();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const SECRET = 'JBSWY3DPEHPK3PXP';

async function setPassword() {
  render(<App />);
  fireEvent.input(await screen.findByLabelText('Password'), { target: { value: 'vault password' } });
  fireEvent.input(screen.getByLabelText('Confirm password'), { target: { value: 'vault password' } });
  fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
  // Setting up runs the real scrypt (N=2^17), which takes a moment.
  await screen.findByRole('button', { name: 'Add manually' }, { timeout: 15_000 });
}

function addByHand(issuer: string, account: string) {
  fireEvent.click(screen.getByRole('button', { name: 'Add manually' }));
  fireEvent.input(screen.getByLabelText('Secret key'), { target: { value: SECRET } });
  fireEvent.input(screen.getByLabelText('Issuer'), { target: { value: issuer } });
  fireEvent.input(screen.getByLabelText('Account name'), { target: { value: account } });
  fireEvent.click(screen.getByRole('button', { name: 'Add' }));
}

describe('the popup', () => {
  it('sets a password, adds an account by hand and shows its current code', async () => {
    await setPassword();
    addByHand('Example', 'ana');
    const code = await screen.findByTestId('code');
    const now = Date.now();
    const expected = [now - 30_000, now, now + 30_000].map((time) =>
      totp({ secret: base32Decode(SECRET), time }),
    );
    expect(expected).toContain((code.textContent ?? '').replace(/\s/g, ''));
  });

  it('asks before adding the same account again under another name, and Replace keeps one renamed', async () => {
    await setPassword();
    addByHand('Example', 'ana');
    await screen.findByTestId('code');
    addByHand('Example Corp', 'ana@work');
    expect((await screen.findByRole('alert')).textContent).toContain('already in your list');
    fireEvent.click(screen.getByRole('button', { name: 'Replace' }));
    await screen.findByRole('button', { name: /^Copy Example Corp ana@work [\d ]+$/ });
    expect(screen.getAllByTestId('code')).toHaveLength(1);
  });

  it('locks now, refuses a wrong password and opens with the right one', async () => {
    await setPassword();
    addByHand('Example', 'ana');
    await screen.findByTestId('code');
    fireEvent.click(screen.getByRole('button', { name: 'Lock now' }));
    // Unlocking runs the real scrypt, which takes a moment.
    const slow = { timeout: 15_000 };
    const unlock = await screen.findByRole('button', { name: 'Unlock' });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(unlock);

    expect((await screen.findByRole('alert', {}, slow)).textContent).toContain('Wrong password');
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'vault password' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Unlock' }));
    await screen.findByRole('button', { name: /^Copy Example ana [\d ]+$/ }, slow);
  });
});

/** A verifier whose Date header is `aheadMs` ahead of this device; records the addresses asked. */
function serverAhead(aheadMs: number): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (url: URL) => {
    asked.push(String(url));
    return new Response(null, { headers: { date: new Date(Date.now() + aheadMs).toUTCString() } });
  });
  return asked;
}

async function checkTime(address: string) {
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  fireEvent.input(screen.getByLabelText(/Time server/), { target: { value: address } });
  fireEvent.click(screen.getByRole('button', { name: 'Check time' }));
}

async function storedOffset(): Promise<unknown> {
  const { settings } = (await fake.browser.storage.local.get('settings')) as {
    settings?: { timeOffsetMs?: number };
  };
  return settings?.timeOffsetMs;
}

describe('Check time in the popup', () => {
  it('asks for access while the click is being handled, before anything is awaited', async () => {
    serverAhead(0);
    await setPassword();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.input(screen.getByLabelText(/Time server/), {
      target: { value: 'https://verifier.example.com' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Check time' }));
    // Nothing has been awaited since the click: the request must already be on record.
    expect(fake.browser.permissions.log).toEqual(['request https://verifier.example.com/*']);
    await screen.findByText(/clock matches the server/);
  });

  it('applies a small offset, shows it above the codes, and one click goes back to the device clock', async () => {
    serverAhead(10_000);
    await setPassword();
    await checkTime('https://verifier.example.com/');
    await screen.findByText(/clock is (9|10|11) s behind the server\. Codes use the corrected time/);
    expect(fake.browser.permissions.log).toEqual([
      'request https://verifier.example.com/*',
      'remove https://verifier.example.com/*',
    ]);
    expect(fake.browser.permissions.granted.size).toBe(0);

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    const shown = await screen.findByText(/Codes use the time of https:\/\/verifier\.example\.com/);
    expect(shown.textContent).toMatch(/(9|10|11) s behind/);
    fireEvent.click(screen.getByRole('button', { name: 'Use this device’s clock' }));
    await waitFor(() => expect(screen.queryByText(/Codes use the time of/)).toBeNull());
    expect(await storedOffset()).toBe(0);
  });

  it('warns about a server 10 minutes ahead and does not apply it', async () => {
    serverAhead(10 * 60_000);
    await setPassword();
    await checkTime('https://verifier.example.com');
    const message = await screen.findByText(/600 s behind the server/);
    expect(message.textContent).toContain('not applied');
    expect(await storedOffset()).toBe(0);
    expect(fake.browser.permissions.granted.size).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await screen.findByRole('button', { name: 'Add manually' });
    expect(screen.queryByText(/Codes use the time of/)).toBeNull();
  });

  it('refuses an http:// address before asking for any access or sending anything', async () => {
    const asked = serverAhead(20_000);
    await setPassword();
    await checkTime('http://verifier.example.com');
    await screen.findByText(/must start with https:\/\//);
    expect(fake.browser.permissions.log).toEqual([]);
    expect(asked).toEqual([]);
    expect(await fake.browser.storage.local.get('settings')).toEqual({});
  });

  it('keeps an access the extension already had (it was not asked for by the check)', async () => {
    serverAhead(0);
    await setPassword();
    fake.browser.permissions.granted.add('https://verifier.example.com/*');
    await checkTime('https://verifier.example.com');
    await screen.findByText(/clock matches the server/);
    expect(fake.browser.permissions.log).toEqual(['request https://verifier.example.com/*']);
    expect(fake.browser.permissions.granted.has('https://verifier.example.com/*')).toBe(true);
  });
});

describe('locking with the computer', () => {
  it('is on by default and the user can turn it off in Settings', async () => {
    await setPassword();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const box = screen.getByLabelText(
      'Also lock when the computer locks or is idle that long',
    ) as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    await waitFor(async () => {
      const { settings } = (await fake.browser.storage.local.get('settings')) as {
        settings?: { lockOnSystemIdle?: boolean };
      };
      expect(settings?.lockOnSystemIdle).toBe(false);
    });
  });
});
