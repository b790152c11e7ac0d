// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { base32Decode, hotp, type OtpAccount, totp } from '../../../../../shared/index.ts';
import { type VaultAccount, withId } from '../../../accounts/account.ts';
import { sameSite } from '../../../fill/site.ts';
import { randomBytes } from '../../../platform/random.ts';
import { classifyQrText, classifyQrTexts } from '../../../scan/classify.ts';
import { Unlock } from '../../components/Unlock.tsx';
import { AccountForm } from './AccountForm.tsx';
import { AccountList } from './AccountList.tsx';
import { EditAccount } from './EditAccount.tsx';
import { ScanConfirm } from './ScanConfirm.tsx';
import { Setup } from './Setup.tsx';

afterEach(cleanup);

const secret = base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
const NOW = 59_000; // RFC 6238 Appendix B: 287082 (6 digits) at T=59 s with this secret.

function account(issuer: string, name: string, extra: Partial<VaultAccount> = {}): VaultAccount {
  const base: OtpAccount = {
    type: 'totp',
    secret,
    issuer,
    account: name,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  };
  return { ...withId(base, randomBytes), ...extra };
}

function list(accounts: VaultAccount[], overrides: Partial<Parameters<typeof AccountList>[0]> = {}) {
  const props = {
    accounts,
    nowMs: NOW,
    query: '',
    copiedId: null,
    revealedHotp: {},
    onQuery: vi.fn(),
    onCopy: vi.fn(),
    onNextHotp: vi.fn(),
    onEdit: vi.fn(),
    sortOrder: 'manual' as const,
    onSortOrder: vi.fn(),
    ...overrides,
  };
  return { props, ...render(<AccountList {...props} />) };
}

describe('account list', () => {
  it('shows issuer, account name, the code in two groups and the seconds left in its period', () => {
    list([account('Example', 'ana@example.com')]);
    expect(screen.getByText('Example')).toBeTruthy();
    expect(screen.getByText('ana@example.com')).toBeTruthy();
    expect(screen.getByTestId('code').textContent).toBe('287 082');
    expect(screen.getByLabelText('1 second left')).toBeTruthy();
  });

  it('shows the next code once the period rolls over', () => {
    const accounts = [account('Example', 'ana')];
    const { rerender, props } = list(accounts);
    rerender(<AccountList {...props} nowMs={NOW + 1000} />);
    const next = totp({ secret, time: NOW + 1000 });
    expect(screen.getByTestId('code').textContent).toBe(`${next.slice(0, 3)} ${next.slice(3)}`);
    expect(screen.getByLabelText('30 seconds left')).toBeTruthy();
  });

  it('copies the code of the clicked account and shows Copied on it', () => {
    const accounts = [account('Example', 'ana'), account('Other', 'ben')];
    const { props, rerender } = list(accounts);
    fireEvent.click(screen.getByRole('button', { name: 'Copy Other ben 287 082' }));
    expect(props.onCopy).toHaveBeenCalledWith(accounts[1], '287082');
    rerender(<AccountList {...props} copiedId={accounts[1]?.id ?? null} />);
    expect(screen.getByRole('status').textContent).toBe('Copied');
    expect(screen.getByRole('status').closest('li')?.textContent).toContain('ben');
  });

  it('lists every account of a long vault, the first screenful at once and the rest a frame later', async () => {
    const accounts = Array.from({ length: 60 }, (_, i) => account(`Service ${i}`, `user${i}`));
    list(accounts);
    expect(screen.getAllByRole('listitem').length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(60));
    expect(screen.getAllByRole('listitem').at(-1)?.textContent).toContain('Service 59');
  });

  it('lists pinned accounts first and filters by the search text', () => {
    const accounts = [account('Alpha', 'a'), account('Beta', 'b', { pinned: true })];
    const { props, rerender } = list(accounts);
    expect(screen.getAllByRole('listitem').map((li) => li.querySelector('.issuer')?.textContent)).toEqual([
      'Beta',
      'Alpha',
    ]);
    fireEvent.input(screen.getByLabelText('Search accounts'), { target: { value: 'alp' } });
    expect(props.onQuery).toHaveBeenCalledWith('alp');
    rerender(<AccountList {...props} query="alp" />);
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    rerender(<AccountList {...props} query="zzz" />);
    expect(screen.getByText('No account matches “zzz”.')).toBeTruthy();
  });

  it('hides an HOTP code until Next code is pressed, then shows the revealed one', () => {
    const counterAccount = account('Bank', 'ana', { type: 'hotp', counter: 4 });
    const { props, rerender } = list([counterAccount]);
    expect(screen.getByTestId('code').textContent).toBe('••• •••');
    fireEvent.click(screen.getByRole('button', { name: 'Next code' }));
    expect(props.onNextHotp).toHaveBeenCalledWith(counterAccount);
    const code = hotp({ secret, counter: 4 });
    rerender(<AccountList {...props} revealedHotp={{ [counterAccount.id]: code }} />);
    expect(screen.getByTestId('code').textContent?.replace(' ', '')).toBe(code);
  });
});

describe('adding an account by hand', () => {
  it('names the bad character of a mistyped secret and adds nothing', () => {
    const onSubmit = vi.fn();
    render(<AccountForm submitLabel="Add" onSubmit={onSubmit} onCancel={vi.fn()} />);
    fireEvent.input(screen.getByLabelText('Secret key'), { target: { value: 'JBSW!Y3DP' } });
    fireEvent.input(screen.getByLabelText('Account name'), { target: { value: 'ana' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('alert').textContent).toContain('!');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('adds a counter-based account with its algorithm, digits and counter', () => {
    const onSubmit = vi.fn();
    render(<AccountForm submitLabel="Add" onSubmit={onSubmit} onCancel={vi.fn()} />);
    fireEvent.input(screen.getByLabelText('Secret key'), { target: { value: 'jbsw y3dp ehpk 3pxp' } });
    fireEvent.input(screen.getByLabelText('Issuer'), { target: { value: 'Bank' } });
    fireEvent.input(screen.getByLabelText('Account name'), { target: { value: 'ana' } });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'hotp' } });
    fireEvent.change(screen.getByLabelText('Algorithm'), { target: { value: 'SHA256' } });
    fireEvent.change(screen.getByLabelText('Digits'), { target: { value: '8' } });
    fireEvent.input(screen.getByLabelText('Counter'), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'hotp',
        issuer: 'Bank',
        account: 'ana',
        algorithm: 'SHA256',
        digits: 8,
        counter: 12,
      }),
    );
  });

  it('asks for the secret when none is typed', () => {
    render(<AccountForm submitLabel="Add" onSubmit={vi.fn()} onCancel={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the secret key shown by the service.');
  });
});

describe('editing an account', () => {
  it('links the account to the page’s site and unlinks it from its own', () => {
    const onLinkSite = vi.fn();
    const props = {
      onSave: vi.fn(),
      onDelete: vi.fn(),
      onClose: vi.fn(),
      onLinkSite,
      accounts: [],
    };
    const { unmount } = render(
      <EditAccount
        account={account('Example', 'ana')}
        pageSite="https://login.example.com"
        onPageSite={(site) => sameSite(site, 'https://login.example.com')}
        {...props}
      />,
    );
    expect(screen.getByRole('group', { name: 'Site' }).textContent).toContain('Not linked to a site');
    fireEvent.click(screen.getByRole('button', { name: 'Link to login.example.com' }));
    expect(onLinkSite).toHaveBeenCalledWith('https://login.example.com');
    unmount();
    const linked = { ...account('Example', 'ana'), site: 'https://id.example.com' };
    render(
      <EditAccount
        account={linked}
        pageSite="https://www.example.com"
        onPageSite={(site) => sameSite(site, 'https://www.example.com')}
        {...props}
      />,
    );
    // The page is the same site: nothing to link, only to unlink.
    expect(screen.queryByRole('button', { name: /^Link to/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Unlink from id.example.com' }));
    expect(onLinkSite).toHaveBeenLastCalledWith(undefined);
  });

  it('deletes only after a second, explicit confirmation', () => {
    const onDelete = vi.fn();
    render(
      <EditAccount
        account={account('Example', 'ana')}
        onSave={vi.fn()}
        onDelete={onDelete}
        accounts={[]}
        onClose={vi.fn()}
        pageSite={null}
        onPageSite={() => false}
        onLinkSite={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    expect(onDelete).not.toHaveBeenCalled();
    expect(screen.getByRole('alertdialog').textContent).toContain('Delete Example (ana)?');
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete for good' }));
    expect(onDelete).toHaveBeenCalledOnce();
  });

  it('keeps the secret when the key field is left blank', () => {
    const onSave = vi.fn();
    const existing = account('Example', 'ana');
    render(
      <EditAccount
        account={existing}
        onSave={onSave}
        onDelete={vi.fn()}
        accounts={[]}
        onClose={vi.fn()}
        pageSite={null}
        onPageSite={() => false}
        onLinkSite={vi.fn()}
      />,
    );
    fireEvent.input(screen.getByLabelText('Issuer'), { target: { value: 'Example Corp' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith(
      expect.objectContaining({ issuer: 'Example Corp', secret }),
      expect.anything(),
    );
  });
});

describe('confirming a scan', () => {
  const uri = 'otpauth://totp/Example:ana?secret=GEZDGNBVGY3TQOJQ&issuer=Example&digits=8&period=60';

  it('shows issuer, account, type, digits and period before anything is added', () => {
    const onAdd = vi.fn();
    render(
      <ScanConfirm
        outcome={classifyQrText(uri)}
        existing={[]}
        onAdd={onAdd}
        onChoose={vi.fn()}
        onDismiss={vi.fn()}
      />,
    );
    const region = screen.getByRole('region', { name: 'Scan result' });
    expect(region.textContent).toContain('Example');
    expect(region.textContent).toContain('ana');
    expect(region.textContent).toContain('8 digits, time-based, every 60 s');
    expect(onAdd).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(onAdd).toHaveBeenCalledWith([expect.objectContaining({ account: 'ana' })], 'keep-both');
  });

  it('offers replace, keep both or cancel for an account already present', () => {
    const onAdd = vi.fn();
    const onDismiss = vi.fn();
    render(
      <ScanConfirm
        outcome={classifyQrText(uri)}
        existing={[account('Example', 'ana')]}
        onAdd={onAdd}
        onChoose={vi.fn()}
        onDismiss={onDismiss}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain(
      'Example (ana) is already in your list. The new key is different: Replace keeps its place and uses the new key',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Replace' }));
    expect(onAdd).toHaveBeenLastCalledWith(expect.any(Array), 'replace');
    fireEvent.click(screen.getByRole('button', { name: 'Keep both' }));
    expect(onAdd).toHaveBeenLastCalledWith(expect.any(Array), 'keep-both');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onDismiss).toHaveBeenCalledOnce();
  });

  it('says when the QR code is not a two-factor code', () => {
    render(
      <ScanConfirm
        outcome={classifyQrText('https://example.com')}
        existing={[]}
        onAdd={vi.fn()}
        onChoose={vi.fn()}
        onDismiss={vi.fn()}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('not a two-factor setup code');
  });
});

describe('choosing among several setup codes', () => {
  const code = (issuer: string) => `otpauth://totp/${issuer}:ana?secret=GEZDGNBVGY3TQOJQ&issuer=${issuer}`;

  it('lists one button per setup code, skips the web address, and passes on the one picked', () => {
    const onChoose = vi.fn();
    const onDismiss = vi.fn();
    render(
      <ScanConfirm
        outcome={classifyQrTexts([code('Work'), 'https://apps.example.com', code('Payroll')], 'page')}
        existing={[account('Payroll', 'ana')]}
        onAdd={vi.fn()}
        onChoose={onChoose}
        onDismiss={onDismiss}
      />,
    );
    const list = screen.getByRole('list', { name: '2 setup codes were found: choose the one to add' });
    expect(list.querySelectorAll('li')).toHaveLength(2);
    expect(list.textContent).toContain('Already in your list');
    expect(list.textContent).not.toContain('apps.example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Add Payroll (ana)' }));
    expect(onChoose).toHaveBeenCalledWith([expect.objectContaining({ issuer: 'Payroll' })]);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onDismiss).toHaveBeenCalledOnce();
  });
});

describe('first run and unlock', () => {
  it('refuses a 9-character password and two passwords that differ', () => {
    const onCreate = vi.fn();
    render(<Setup busy={false} onCreate={onCreate} />);
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'nine char' } });
    fireEvent.input(screen.getByLabelText('Confirm password'), { target: { value: 'nine char' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
    expect(screen.getByRole('alert').textContent).toBe('Use at least 10 characters.');
    expect(onCreate).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'long enough' } });
    fireEvent.input(screen.getByLabelText('Confirm password'), { target: { value: 'long enougH' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
    expect(screen.getByRole('alert').textContent).toContain('differ');
    fireEvent.input(screen.getByLabelText('Confirm password'), { target: { value: 'long enough' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
    expect(onCreate).toHaveBeenCalledWith('long enough');
  });

  it('gives a strength hint while the password is typed, a known password called one', async () => {
    render(<Setup busy={false} onCreate={vi.fn()} />);
    const password = screen.getByLabelText('Password');
    const hint = () => screen.getByTestId('password-hint').textContent;
    fireEvent.input(password, { target: { value: 'password1234' } });
    await vi.waitFor(() => expect(hint()).toMatch(/^Weak: it is a well-known password/));
    fireEvent.input(password, { target: { value: 'aaaaaaaaaaaa' } });
    await vi.waitFor(() => expect(hint()).toMatch(/^Weak: it repeats/));
    fireEvent.input(password, { target: { value: 'Correct horse 7 battery!' } });
    await vi.waitFor(() => expect(hint()).toMatch(/^Strong/));
  });

  it('creates a vault without a password only after showing what that means', () => {
    const onCreate = vi.fn();
    render(<Setup busy={false} onCreate={onCreate} />);
    fireEvent.click(screen.getByRole('button', { name: 'Continue without a password…' }));
    expect(screen.getByRole('alert').textContent).toContain('will be able to read your two-factor secrets');
    fireEvent.click(screen.getByRole('button', { name: 'I understand, use without a password' }));
    expect(onCreate).toHaveBeenCalledWith(null);
  });

  it('passes the typed password on and shows the error it is given', () => {
    const onUnlock = vi.fn();
    render(
      <Unlock busy={false} error="Wrong password. Nothing was changed; try again." onUnlock={onUnlock} />,
    );
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(onUnlock).toHaveBeenCalledWith('pw');
    expect(screen.getByRole('alert').textContent).toContain('Wrong password');
  });
});
