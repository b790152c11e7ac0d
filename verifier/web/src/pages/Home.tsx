import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { RecoveryCodesPanel } from './recovery-codes/RecoveryCodesPanel.tsx';

const methodNames = { totp: 'Authenticator app or browser extension', email: 'Code sent by e-mail' };

export function Home() {
  const { me } = useSession();
  if (!me) return null;
  const { user } = me;
  const limited = me.scope === 'setup';
  return (
    <div class={limited ? 'page wizard' : 'page'}>
      <h1>Welcome, {user.displayName || user.username}</h1>
      {limited ? (
        <section class="card">
          <h2>Set up two-factor authentication</h2>
          <p>
            Before you can use {me.organisationName || 'this service'}, protect your account with a second
            step at sign-in. It takes about two minutes; have your phone or computer ready.
          </p>
          <Link href="/setup" class="button primary">
            Set it up now
          </Link>
        </section>
      ) : (
        <div class="grid">
          <section class="card">
            <h2>Your account</h2>
            <dl class="details">
              <dt>Username</dt>
              <dd>{user.username}</dd>
              <dt>E-mail</dt>
              <dd>{user.email || '—'}</dd>
              <dt>Security access group</dt>
              <dd>{user.group.name}</dd>
              <dt>Sign-in</dt>
              <dd>{user.source === 'sso' ? 'Single sign-on' : 'Username and password'}</dd>
            </dl>
          </section>
          <section class="card">
            <h2>Two-factor authentication</h2>
            <p>
              <StatusBadge status={user.twoFactorStatus} />
            </p>
            {user.twoFactorStatus === 'Activated' && (
              <p>
                You confirm each sign-in with: {methodNames[user.method]}.{' '}
                {user.method === 'email'
                  ? `Codes go to your e-mail address${user.email ? ` ${user.email}` : ''}. If you lose access to it, ask your admin to change it.`
                  : 'If you lose that device, ask your admin to reset two-factor authentication for your account.'}
              </p>
            )}
            {user.twoFactorStatus === 'Pending' && (
              <Link href="/setup" class="button primary">
                Set it up now
              </Link>
            )}
            {user.twoFactorStatus === 'Disabled' && (
              <p>
                {user.source === 'sso'
                  ? 'You sign in through single sign-on, so no code is asked here.'
                  : 'Two-factor authentication is not turned on for your account.'}
              </p>
            )}
          </section>
          <section class="card">
            <h2>Security</h2>
            <p>See your remembered devices, sessions and last sign-ins, and change your password.</p>
            <Link href="/security" class="button secondary">
              Open your security page
            </Link>
          </section>
          {user.twoFactorStatus === 'Activated' && user.method === 'totp' && <RecoveryCodesPanel />}
          {user.isAdmin && (
            <section class="card">
              <h2>Administration</h2>
              <p>Manage users, security access groups, two-factor policy, API keys and the audit log.</p>
              <Link href="/admin/users" class="button secondary">
                Open the admin console
              </Link>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
