// The application a visitor came from (`/sign-in?rd=…`, sent by a reverse proxy's forward-auth),
// kept for this tab until the sign-in is complete. The page never decides on its own where to go:
// the verifier checks the address against its protected domains first.

const KEY = 'verifier:return-target';

export type TargetStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Keeps `rd` from the sign-in address, if it has one, for after the last sign-in step. */
export function rememberReturnTarget(store: TargetStore, rd: string | null): void {
  if (rd) store.setItem(KEY, rd);
}

/**
 * The verifier's own OpenID Connect interaction (`/oidc/interaction/<uid>`, uid in base64url): a path
 * on this origin, so it needs no check against the protected domains.
 */
export function isOidcInteraction(rd: string): boolean {
  return /^\/oidc\/interaction\/[A-Za-z0-9_-]{1,64}$/.test(rd);
}

/**
 * With a full session: asks the verifier about the kept address and goes there if it allows it.
 * True when the browser is leaving. The address is used once, allowed or not.
 */
export async function leaveForReturnTarget(
  store: TargetStore,
  check: (rd: string) => Promise<{ target: string }>,
  go: (url: string) => void,
): Promise<boolean> {
  const rd = store.getItem(KEY);
  if (rd === null) return false;
  store.removeItem(KEY);
  if (isOidcInteraction(rd)) {
    go(rd);
    return true;
  }
  try {
    const { target } = await check(rd);
    go(target);
    return true;
  } catch {
    return false;
  }
}
