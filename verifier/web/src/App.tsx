import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { redirectFor } from './flow.ts';
import { AdminLayout } from './pages/admin/AdminLayout.tsx';
import { ApiKeysPage } from './pages/admin/ApiKeysPage.tsx';
import { AuditPage } from './pages/admin/AuditPage.tsx';
import { GroupsPage } from './pages/admin/GroupsPage.tsx';
import { OidcClientsPage } from './pages/admin/OidcClientsPage.tsx';
import { SettingsPage } from './pages/admin/SettingsPage.tsx';
import { TemplatePage } from './pages/admin/TemplatePage.tsx';
import { UserEditPage } from './pages/admin/UserEditPage.tsx';
import { UsersPage } from './pages/admin/UsersPage.tsx';
import { ChangePassword } from './pages/ChangePassword.tsx';
import { Home } from './pages/Home.tsx';
import { Invitation } from './pages/Invitation.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { SecurityPage } from './pages/SecurityPage.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { SetupSuccessful } from './pages/setup/SetupSuccessful.tsx';
import { SetupWizard } from './pages/setup/SetupWizard.tsx';
import { TwoFactorCode } from './pages/TwoFactorCode.tsx';
import { leaveForReturnTarget, rememberReturnTarget } from './return-target.ts';
import { matchRoute, navigate, useLocation } from './router.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { Layout } from './ui/Layout.tsx';

const titles: Record<string, string> = {
  '/': 'Home',
  '/sign-in': 'Sign in',
  '/sign-in/code': 'Two-factor authentication',
  '/change-password': 'Choose a new password',
  '/invitation': 'Invitation',
  '/security': 'Security',
  '/setup': 'Set up two-factor authentication',
  '/setup/done': 'Setup successful',
  '/admin/users': 'Users',
  '/admin/users/new': 'Add user',
  '/admin/groups': 'Security Access Groups',
  '/admin/settings': 'System Settings',
  '/admin/notification-template': 'Notification template',
  '/admin/api-keys': 'API keys',
  '/admin/oidc': 'OpenID Connect',
  '/admin/audit': 'Audit log',
};

export function App({ baseUrl }: { baseUrl?: string }) {
  return (
    <SessionProvider baseUrl={baseUrl}>
      <Pages />
    </SessionProvider>
  );
}

function Pages() {
  const { me, api } = useSession();
  const { path, query } = useLocation();
  const redirect = me === undefined ? null : redirectFor(path, me);
  const rd = path === '/sign-in' ? query.get('rd') : null;

  // A reverse proxy sent the visitor here from an application: back there once signed in, if the
  // verifier allows that address (also when they were signed in already).
  useEffect(() => {
    rememberReturnTarget(window.sessionStorage, rd);
  }, [rd]);
  const fullySignedIn = me?.scope === 'full';
  useEffect(() => {
    if (fullySignedIn) {
      void leaveForReturnTarget(window.sessionStorage, api.returnTarget, (url) =>
        window.location.assign(url),
      );
    }
  }, [fullySignedIn, api]);

  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  // After moving to another page, start keyboard and screen-reader users at its content, unless the
  // page has already put focus on its own field.
  const firstPath = useRef(path);
  useEffect(() => {
    if (path === firstPath.current) return;
    firstPath.current = '';
    const main = document.getElementById('main');
    if (main && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
  }, [path]);

  useEffect(() => {
    const title = titles[path] ?? (path.startsWith('/admin/users/') ? 'Edit user' : 'Verifier');
    document.title = me?.organisationName ? `${title} · ${me.organisationName}` : `${title} · Verifier`;
  }, [path, me]);

  if (me === undefined || redirect) {
    return (
      <Layout path={path}>
        <p class="loading" aria-busy="true">
          Loading…
        </p>
      </Layout>
    );
  }
  return <Layout path={path}>{page(path, me?.user.isAdmin === true)}</Layout>;
}

function page(path: string, isAdmin: boolean): ComponentChildren {
  switch (path) {
    case '/':
      return <Home />;
    case '/sign-in':
      return <SignIn />;
    case '/sign-in/code':
      return <TwoFactorCode />;
    case '/change-password':
      return <ChangePassword />;
    case '/invitation':
      return <Invitation />;
    case '/security':
      return <SecurityPage />;
    case '/setup':
      return <SetupWizard />;
    case '/setup/done':
      return <SetupSuccessful />;
  }
  if (path === '/admin' || path.startsWith('/admin/')) {
    if (!isAdmin)
      return <NotFound title="Admins only" text="Only members of the Admin group can open this page." />;
    return <AdminLayout path={path}>{adminPage(path)}</AdminLayout>;
  }
  return <NotFound />;
}

function adminPage(path: string): ComponentChildren {
  switch (path) {
    case '/admin':
    case '/admin/users':
      return <UsersPage />;
    case '/admin/users/new':
      return <UserEditPage />;
    case '/admin/groups':
      return <GroupsPage />;
    case '/admin/settings':
      return <SettingsPage />;
    case '/admin/notification-template':
      return <TemplatePage />;
    case '/admin/api-keys':
      return <ApiKeysPage />;
    case '/admin/oidc':
      return <OidcClientsPage />;
    case '/admin/audit':
      return <AuditPage />;
  }
  const edit = matchRoute('/admin/users/:id', path);
  if (edit?.id) return <UserEditPage key={edit.id} id={edit.id} />;
  return <NotFound />;
}
