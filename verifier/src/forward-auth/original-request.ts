import type { IncomingHttpHeaders } from 'node:http';

/**
 * The request the proxy is asking about, read from the headers each proxy sends (pure):
 * - nginx `auth_request` sends only what the config sets: `X-Original-URL` (the docs' snippet sets
 *   `$scheme://$http_host$request_uri`); nginx itself turns the 401 into a redirect.
 * - Traefik ForwardAuth and Caddy `forward_auth` send `X-Forwarded-Method`, `-Proto`, `-Host` and
 *   `-Uri`, and hand the verifier's answer to the browser as it is, so a browser gets a 302 here.
 */
export interface OriginalRequest {
  /** The address asked for, when the headers name one. */
  url: string | undefined;
  /** Its lower-case host name (no port), the key of the per-application rules. */
  host: string | undefined;
  /** True when the verifier's answer goes to the browser as it is (Traefik, Caddy). */
  passedThrough: boolean;
  /** GET or HEAD of a page (Accept: text/html): a 302 to sign-in helps; an API call wants the 401. */
  browserNavigation: boolean;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

export function originalRequest(headers: IncomingHttpHeaders): OriginalRequest {
  const original = single(headers['x-original-url']);
  const forwardedHost = single(headers['x-forwarded-host']);
  const passedThrough = original === undefined && forwardedHost !== undefined;
  let url = original;
  if (passedThrough) {
    const proto = single(headers['x-forwarded-proto']) === 'http' ? 'http' : 'https';
    const uri = single(headers['x-forwarded-uri']) ?? '/';
    url = `${proto}://${forwardedHost}${uri.startsWith('/') ? uri : `/${uri}`}`;
  }
  const method = (single(headers['x-forwarded-method']) ?? 'GET').toUpperCase();
  const accept = single(headers.accept) ?? '';
  return {
    url,
    host: hostOf(url),
    passedThrough,
    browserNavigation: (method === 'GET' || method === 'HEAD') && accept.includes('text/html'),
  };
}
