import type { ComponentChildren } from 'preact';
import { mustSetUp } from '../flow.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { PendingBanner } from './PendingBanner.tsx';

/** Page frame: skip link, set-up banner, header with who is signed in and Sign out, then the page. */
export function Layout({ path, children }: { path: string; children: ComponentChildren }) {
  const { me, signOut } = useSession();
  const organisation = me?.organisationName;
  const full = me?.scope === 'full';
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      {me && mustSetUp(me) && (
        <PendingBanner
          onSetupPage={path.startsWith('/setup')}
          isAdmin={me.user.isAdmin}
          reason={me.user.twoFactorReason}
        />
      )}
      <header class="app-header">
        <div class="app-header-inner">
          <Link href="/" class="brand">
            <span class="brand-mark" aria-hidden="true" />
            <span>
              {organisation && organisation !== 'Verifier' ? `${organisation} · Verifier` : 'Verifier'}
            </span>
          </Link>
          {me && (
            <nav class="app-nav" aria-label="Main">
              {full && (
                <Link href="/" aria-current={path === '/' ? 'page' : undefined}>
                  Home
                </Link>
              )}
              {full && (
                <Link href="/security" aria-current={path === '/security' ? 'page' : undefined}>
                  Security
                </Link>
              )}
              {full && me.user.isAdmin && (
                <Link href="/admin/users" aria-current={path.startsWith('/admin') ? 'page' : undefined}>
                  Admin console
                </Link>
              )}
              <span class="app-user" title={me.user.username}>
                {me.user.displayName || me.user.username}
              </span>
              <button type="button" class="button secondary small" onClick={() => void signOut()}>
                Sign out
              </button>
            </nav>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
