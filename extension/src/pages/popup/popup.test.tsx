// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
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
afterEach(cleanup);

const SECRET = 'JBSWY3DPEHPK3PXP';

async function setPassword() {
  render(<App />);
  fireEvent.input(await screen.findByLabelText('Password'), { target: { value: 'vault password' } });
  fireEvent.input(screen.getByLabelText('Confirm password'), { target: { value: 'vault password' } });
  fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
  await screen.findByRole('button', { name: 'Add manually' });
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
    await screen.findByRole('button', { name: 'Copy code for Example Corp (ana@work)' });
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
    await screen.findByRole('button', { name: 'Copy code for Example (ana)' }, slow);
  });
});
