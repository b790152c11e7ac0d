import Provider, { type Configuration, interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { constantTimeEqual } from '../../../shared/internal/constant-time.ts';
import { findUserView } from '../accounts/users.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import type { AppContext } from '../http/context.ts';
import { createAdapterClass } from './adapter.ts';
import { errorPage, loggedOutPage, logoutPage } from './pages.ts';
import { ACR_VALUES, claimsOf, SCOPE_CLAIMS } from './sign-in-evidence.ts';
import { ensureSigningKey, loadSigningKeys } from './signing-keys.ts';

/** Where the provider is mounted in the verifier's HTTP app; the issuer's path must end with it. */
export const OIDC_PREFIX = '/oidc';

/**
 * Every authorization asks the verifier's own sign-in again (the interaction checks its session and
 * the 2FA policy each time): the provider's session alone never yields a code, so a sign-out or a
 * policy change in the verifier holds for the next authorization too.
 */
function alwaysAskTheVerifier() {
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check('verifier_session', 'the verifier decides on every authorization', (ctx) =>
        ctx.oidc.result?.login
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );
  return policy;
}

/** The OpenID Connect provider for `issuer`, its state and keys in the verifier's database. */
export async function createOidcProvider(ctx: AppContext, issuer: string): Promise<Provider> {
  await ensureSigningKey(ctx.db, ctx.box, ctx.clock.now());
  const keys = await loadSigningKeys(ctx.db, ctx.box);
  const configuration: Configuration = {
    adapter: createAdapterClass(ctx.db),
    jwks: { keys },
    // Signed with a key derived from the master key: every process reads the others' cookies.
    cookies: { keys: [Buffer.from(ctx.box.deriveKey('oidc-cookies')).toString('base64url')] },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: { acr: null, amr: null, auth_time: null, sid: null, iss: null, ...SCOPE_CLAIMS },
    acrValues: ACR_VALUES,
    responseTypes: ['code'],
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource: logoutPage, postLogoutSuccessSource: loggedOutPage },
      revocation: { enabled: true },
    },
    interactions: {
      policy: alwaysAskTheVerifier(),
      url: (_ctx, interaction) => `${OIDC_PREFIX}/interaction/${interaction.uid}`,
    },
    // Registered clients are the admin's own applications: their consent is the registration.
    loadExistingGrant: async (koa: KoaContextWithOIDC) => {
      const grantId = koa.oidc.result?.consent?.grantId;
      return grantId ? koa.oidc.provider.Grant.find(grantId) : undefined;
    },
    findAccount: async (_koa, sub) => {
      const id = Number(sub);
      const user = Number.isSafeInteger(id) ? await findUserView(ctx.db, id, ctx.clock.now()) : undefined;
      if (!user || user.locked) return undefined;
      return { accountId: sub, claims: async () => claimsOf(user) };
    },
    renderError: errorPage,
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 10 * 60,
      IdToken: 10 * 60,
      Interaction: 30 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
    },
  };
  const provider = new Provider(issuer, configuration);
  // Only the SHA-256 of a client's secret is stored (client-store.ts); compare what the client sent
  // hashed the same way, in constant time.
  provider.Client.prototype.compareClientSecret = async function compare(
    this: { clientSecret?: string },
    actual: string,
  ) {
    const stored = this.clientSecret;
    return stored !== undefined && constantTimeEqual(Buffer.from(sha256Hex(actual)), Buffer.from(stored));
  };
  return provider;
}
