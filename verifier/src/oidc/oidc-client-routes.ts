import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { auditAdmin, requireAdmin } from '../http/admin-guard.ts';
import type { AppContext } from '../http/context.ts';
import { errors } from '../http/schemas.ts';
import { checkRegistration, MAX_NAME_LENGTH, MAX_URIS } from './client-rules.ts';
import { deleteClient, listClients, registerClient } from './client-store.ts';
import { listSigningKeys } from './signing-keys.ts';

const Uris = Type.Array(Type.String({ maxLength: 2000 }), { maxItems: MAX_URIS });

export const OidcClient = Type.Object({
  clientId: Type.String(),
  name: Type.String(),
  redirectUris: Type.Array(Type.String()),
  postLogoutRedirectUris: Type.Array(Type.String()),
  confidential: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

/** A new client: the only answer that holds its secret. */
export const NewOidcClient = Type.Intersect([
  OidcClient,
  Type.Object({ clientSecret: Type.Union([Type.String(), Type.Null()]) }),
]);

const SigningKey = Type.Object({
  kid: Type.String(),
  alg: Type.String(),
  state: Type.Union([Type.Literal('current'), Type.Literal('previous')]),
  createdAt: Type.String({ format: 'date-time' }),
});

export const OidcRegistration = Type.Object(
  {
    name: Type.String({ maxLength: MAX_NAME_LENGTH + 20 }),
    redirectUris: Uris,
    postLogoutRedirectUris: Type.Optional(Uris),
    confidential: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const OidcOverview = Type.Object({
  issuer: Type.Union([Type.String(), Type.Null()]),
  items: Type.Array(OidcClient),
  keys: Type.Array(SigningKey),
});

/** The admin console's OpenID Connect page: the registered applications and the published keys. */
export function registerAdminOidcClientRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const guard = requireAdmin(ctx);

  api.get(
    '/api/admin/oidc/clients',
    {
      schema: {
        tags: ['admin'],
        summary: 'OpenID Connect clients (never their secrets), the issuer and the signing keys.',
        response: {
          200: OidcOverview,
          ...errors(401, 403),
        },
      },
      preHandler: guard,
    },
    async () => ({
      issuer: ctx.oidcIssuer ?? null,
      items: await listClients(ctx.db),
      keys: await listSigningKeys(ctx.db),
    }),
  );

  api.post(
    '/api/admin/oidc/clients',
    {
      schema: {
        tags: ['admin'],
        summary: 'Register an application; a confidential one gets its secret in this answer only.',
        body: OidcRegistration,
        response: { 201: NewOidcClient, ...errors(400, 401, 403) },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      const registration = checkRegistration(request.body);
      const created = await registerClient(ctx.db, registration, ctx.clock.now());
      await auditAdmin(ctx, request, 'oidc.client_created', created.name, {
        clientId: created.clientId,
        confidential: created.confidential,
        redirectUris: created.redirectUris,
      });
      return reply.status(201).send(created);
    },
  );

  api.delete(
    '/api/admin/oidc/clients/:clientId',
    {
      schema: {
        tags: ['admin'],
        summary: 'Remove an application: its codes and tokens stop working.',
        params: Type.Object({ clientId: Type.String({ maxLength: 100 }) }),
        response: { 204: Type.Null(), ...errors(401, 403, 404) },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      const name = await deleteClient(ctx.db, request.params.clientId);
      await auditAdmin(ctx, request, 'oidc.client_deleted', name, { clientId: request.params.clientId });
      return reply.status(204).send(null);
    },
  );
}
