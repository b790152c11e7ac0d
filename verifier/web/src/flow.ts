import type { Me, SignInStep } from './api/types.ts';

// Where each sign-in step leads, and which pages each kind of session may open. Pure, so the rules are
// tested without a browser; the server enforces the same limits on its side.

export function pathForStep(step: SignInStep): string {
  switch (step) {
    case 'code':
      return '/sign-in/code';
    case 'change-password':
      return '/change-password';
    case 'setup':
    case 'signed-in':
      return '/';
  }
}

/** Pages open to everyone, signed in or not. */
const publicPaths = new Set(['/sign-in', '/setup/done']);

/** The path to send the visitor to instead of `path`, or null when they may stay. */
export function redirectFor(path: string, me: Me | null): string | null {
  // An invitation link opens whoever is signed in on this browser: it says whom it is for.
  if (path === '/invitation') return null;
  if (!me) return publicPaths.has(path) ? null : '/sign-in';
  switch (me.scope) {
    case 'code':
      return path === '/sign-in/code' || path === '/sign-in' ? null : '/sign-in/code';
    case 'change-password':
      return path === '/change-password' ? null : '/change-password';
    case 'setup':
      return path === '/' || path === '/setup' || path === '/setup/done' ? null : '/';
    case 'full':
      if (path === '/sign-in' || path === '/sign-in/code' || path === '/change-password') return '/';
      if (path === '/setup' && me.user.twoFactorStatus !== 'Pending') return '/';
      return null;
  }
}

/**
 * A Pending user sees the set-up banner on every page until setup is done. An e-mail user has nothing to
 * set up here: the code at their next sign-in confirms the address.
 */
export function mustSetUp(me: Me | null): boolean {
  return (
    me !== null &&
    me.user.twoFactorStatus === 'Pending' &&
    me.user.method !== 'email' &&
    (me.scope === 'setup' || me.scope === 'full')
  );
}
