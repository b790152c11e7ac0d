import { DomainError } from '../domain-error.ts';

/**
 * What an admin may register as a relying party (pure). Redirect URIs are compared exactly by the
 * provider, so they are kept as typed once checked: absolute, https (http only for this computer,
 * where an app under development listens), no #fragment (OAuth 2.0 §3.1.2) and no user name.
 */
export interface ClientRegistration {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Confidential: authenticates with a secret at the token endpoint. Public: PKCE alone. */
  confidential: boolean;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
export const MAX_NAME_LENGTH = 100;
export const MAX_URIS = 10;

const invalid = (code: string, message: string) => new DomainError('invalid', code, message);

/** One redirect address, refused with a message naming it when it is not one the provider may send codes to. */
export function checkRedirectUri(text: string, field = 'Redirect URI'): string {
  const value = text.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(
      'redirect_uri_invalid',
      `${field} "${value}" is not an absolute address (https://app.example.com/callback).`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw invalid(
      'redirect_uri_invalid',
      `${field} "${value}" must use https:// (http:// only for localhost).`,
    );
  }
  if (url.hash !== '' || value.includes('#')) {
    throw invalid('redirect_uri_invalid', `${field} "${value}" must not have a #fragment.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid('redirect_uri_invalid', `${field} "${value}" must not name a user.`);
  }
  return value;
}

function checkUris(list: readonly string[], field: string, required: boolean): string[] {
  const uris = list.map((uri) => checkRedirectUri(uri, field));
  if (required && uris.length === 0) {
    throw invalid(
      'redirect_uri_missing',
      'Give at least one redirect URI (where the application receives the sign-in).',
    );
  }
  if (uris.length > MAX_URIS) throw invalid('too_many_uris', `At most ${MAX_URIS} addresses per list.`);
  return [...new Set(uris)];
}

export function checkRegistration(input: {
  name: string;
  redirectUris: readonly string[];
  postLogoutRedirectUris?: readonly string[];
  confidential: boolean;
}): ClientRegistration {
  const name = input.name.trim();
  if (name === '' || name.length > MAX_NAME_LENGTH || /[\p{Cc}\p{Cf}]/u.test(name)) {
    throw invalid('client_name_invalid', `A client's name is 1 to ${MAX_NAME_LENGTH} visible characters.`);
  }
  return {
    name,
    redirectUris: checkUris(input.redirectUris, 'Redirect URI', true),
    postLogoutRedirectUris: checkUris(input.postLogoutRedirectUris ?? [], 'Post-logout redirect URI', false),
    confidential: input.confidential,
  };
}
