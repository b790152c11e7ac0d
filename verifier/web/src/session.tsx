import { type ComponentChildren, createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiClient, ApiError } from './api/client.ts';
import type { CodeMethod, Me, SignInAnswer } from './api/types.ts';
import { type VerifierApi, verifierApi } from './api/verifier.ts';
import { redirectFor } from './flow.ts';
import { navigate } from './router.tsx';

export interface Challenge {
  method: CodeMethod;
  digits: number;
  /** The days "Remember this device" lasts; absent while the admin has it off. */
  rememberDays?: number;
}

export interface Session {
  api: VerifierApi;
  /** undefined while the first /api/me is on its way; null when signed out. */
  me: Me | null | undefined;
  /** The open second-factor challenge (method and digit count from the sign-in answer). */
  challenge: Challenge;
  /** A one-off message for the sign-in page (session ended, signed out). */
  notice: string | null;
  setNotice: (notice: string | null) => void;
  /** Reloads /api/me after a sign-in step and returns it (null when the session is gone). */
  refresh: () => Promise<Me | null>;
  /** Remembers the challenge a sign-in answer opened. */
  rememberChallenge: (answer: SignInAnswer) => void;
  /** Forgets the session locally (after enrollment the server has already ended it). */
  forget: () => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside <SessionProvider>.');
  return session;
}

const challengeKey = 'verifier.challenge';

function storedChallenge(): Challenge {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(challengeKey) ?? 'null') as Challenge | null;
    if (
      parsed &&
      (parsed.method === 'totp' || parsed.method === 'email') &&
      Number.isInteger(parsed.digits)
    ) {
      const days = Number.isInteger(parsed.rememberDays) ? { rememberDays: parsed.rememberDays } : {};
      return { method: parsed.method, digits: parsed.digits, ...days };
    }
  } catch {
    // Nothing usable stored: fall back to the common case.
  }
  return { method: 'totp', digits: 6 };
}

export function SessionProvider({ children, baseUrl }: { children: ComponentChildren; baseUrl?: string }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [challenge, setChallenge] = useState<Challenge>(storedChallenge);
  const hadSession = useRef(false);

  const api = useMemo(() => {
    const client = new ApiClient({
      baseUrl,
      onSessionLost: () => {
        if (hadSession.current) setNotice('Your session has ended. Sign in again.');
        hadSession.current = false;
        setMe(null);
        // A page open to everyone (an invitation link) stays; any other goes to sign in.
        const to = redirectFor(window.location.pathname, null);
        if (to) navigate(to, { replace: true });
      },
    });
    return verifierApi(client);
  }, [baseUrl]);

  const refresh = useCallback(async () => {
    try {
      const current = await api.me();
      hadSession.current = true;
      setMe(current);
      return current;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) {
        // The server cannot be reached: show the sign-in page, which says why when it is used.
        hadSession.current = false;
      }
      setMe(null);
      return null;
    }
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const rememberChallenge = useCallback((answer: SignInAnswer) => {
    const next: Challenge = {
      method: answer.method ?? 'totp',
      digits: answer.digits ?? 6,
      ...(answer.rememberDays ? { rememberDays: answer.rememberDays } : {}),
    };
    setChallenge(next);
    try {
      sessionStorage.setItem(challengeKey, JSON.stringify(next));
    } catch {
      // Private windows may refuse storage; the in-memory copy is enough until a reload.
    }
  }, []);

  const forget = useCallback(() => {
    hadSession.current = false;
    setMe(null);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Already gone on the server: signing out locally is what the person asked for.
    }
    hadSession.current = false;
    setMe(null);
    setNotice('You have signed out.');
    navigate('/sign-in', { replace: true });
  }, [api]);

  const value = useMemo<Session>(
    () => ({ api, me, challenge, notice, setNotice, refresh, rememberChallenge, forget, signOut }),
    [api, me, challenge, notice, refresh, rememberChallenge, forget, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
