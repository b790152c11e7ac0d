import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

// A small history-API router: the verifier answers every non-API path with index.html, so plain paths work
// on reload and can be bookmarked.

const changeEvent = 'verifier:navigate';

export function currentPath(): string {
  return window.location.pathname;
}

// A page with unsaved edits registers a question; navigating asks it first and stays when declined.
let leaveQuestion: string | null = null;

/** While set, in-app navigation asks `question` before leaving; null stops asking. */
export function setLeaveQuestion(question: string | null): void {
  leaveQuestion = question;
}

const here = () => window.location.pathname + window.location.search;

// The address the app shows, so a declined Back can put it back.
let shown = typeof window === 'undefined' ? '' : here();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === here()) return;
  if (leaveQuestion !== null && !window.confirm(leaveQuestion)) return;
  leaveQuestion = null;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  shown = to;
  window.dispatchEvent(new Event(changeEvent));
  window.scrollTo?.(0, 0);
}

/**
 * Back and Forward inside the app: the browser has already moved when popstate comes, so a declined
 * question puts the page's address back as a new entry and the page stays as it is.
 */
function onHistoryMove(): void {
  if (leaveQuestion !== null && !window.confirm(leaveQuestion)) {
    window.history.pushState(null, '', shown);
    return;
  }
  leaveQuestion = null;
  shown = here();
  window.dispatchEvent(new Event(changeEvent));
}

if (typeof window !== 'undefined') window.addEventListener('popstate', onHistoryMove);

/** The current path and query, re-rendering on every navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const read = () => ({ path: window.location.pathname, query: new URLSearchParams(window.location.search) });
  const [location, setLocation] = useState(read);
  useEffect(() => {
    // Back and Forward arrive as changeEvent too, once onHistoryMove has let them through.
    const update = () => setLocation(read());
    window.addEventListener(changeEvent, update);
    return () => window.removeEventListener(changeEvent, update);
  }, []);
  return location;
}

/**
 * Parameters of `path` if it matches `pattern` (segments like `:id` capture), else null.
 * Captured values are URI-decoded.
 */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const wanted = pattern.split('/').filter(Boolean);
  const actual = path.split('/').filter(Boolean);
  if (wanted.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of wanted.entries()) {
    const value = actual[index] as string;
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (segment !== value) {
      return null;
    }
  }
  return params;
}

interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-current'?: 'page' | 'step' | undefined;
  'aria-label'?: string;
}

/** An ordinary link that navigates inside the app on a plain click (new tab and friends still work). */
export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
