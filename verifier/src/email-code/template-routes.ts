import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { auditAdmin, requireAdmin } from '../http/admin-guard.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { errors } from '../http/schemas.ts';
import {
  MERGE_FIELDS,
  type NotificationTemplate,
  PREVIEW_VALUES,
  parseTemplate,
  previewTemplate,
  type TemplateProblem,
} from '../mail/index.ts';
import { readSettings } from '../settings/settings.ts';
import { editableTemplate, saveTemplate } from './template-store.ts';

export const TemplateBody = Type.Object(
  {
    subject: Type.String({ maxLength: 1000 }),
    text: Type.String({ maxLength: 40_000 }),
    /** Accepted and ignored, so older clients still save: the HTML part is generated from the text. */
    html: Type.Optional(Type.String({ maxLength: 40_000 })),
    active: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const TemplateAnswer = Type.Object({
  subject: Type.String(),
  text: Type.String(),
  active: Type.Boolean(),
  /** False while the built-in template has never been replaced. */
  saved: Type.Boolean(),
  fields: Type.Array(Type.String()),
});

export const PreviewAnswer = Type.Object({
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
});

const invalidTemplate = (problems: readonly TemplateProblem[]) =>
  new ApiError(400, 'invalid_template', problems.map((p) => p.message).join(' '), { problems });

/** The e-mail that carries sign-in codes: read, preview with sample values, save (audited). */
export function registerAdminTemplateRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const guard = requireAdmin(ctx);
  const path = '/api/admin/notification-template';

  api.get(
    path,
    {
      schema: {
        tags: ['admin'],
        summary: 'The sign-in code e-mail template and its merge fields.',
        response: { 200: TemplateAnswer, ...errors(401, 403) },
      },
      preHandler: guard,
    },
    async () => ({ ...(await editableTemplate(ctx.db)), fields: [...MERGE_FIELDS] }),
  );

  api.put(
    path,
    {
      schema: {
        tags: ['admin'],
        summary:
          'Save the template; refused with every problem listed when a field is unknown or {{code}} is missing.',
        body: TemplateBody,
        response: { 200: TemplateAnswer, ...errors(400, 401, 403) },
      },
      preHandler: guard,
    },
    async (request) => {
      const { subject, text, active } = request.body;
      const draft: NotificationTemplate = { subject, text, active };
      const parsed = parseTemplate(draft);
      if (!parsed.ok) throw invalidTemplate(parsed.problems);
      await saveTemplate(ctx.db, draft, ctx.clock.now());
      await auditAdmin(ctx, request, 'template.updated', null, { active: draft.active });
      return { ...(await editableTemplate(ctx.db)), fields: [...MERGE_FIELDS] };
    },
  );

  api.post(
    `${path}/preview`,
    {
      schema: {
        tags: ['admin'],
        summary: 'Render a draft with sample values (code 123456), without saving it.',
        body: TemplateBody,
        response: { 200: PreviewAnswer, ...errors(400, 401, 403) },
      },
      preHandler: guard,
    },
    async (request) => {
      const { organisationName } = await readSettings(ctx.db);
      const { subject, text, active } = request.body;
      const preview = previewTemplate(
        { subject, text, active },
        { ...PREVIEW_VALUES, organisation: organisationName },
      );
      if (!preview.ok) throw invalidTemplate(preview.problems);
      return preview.mail;
    },
  );
}
