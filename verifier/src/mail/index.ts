export { DEFAULT_TEMPLATE } from './default-template.ts';
export {
  type DeliveryFailureDetail,
  type DeliveryReceipt,
  MailConfigError,
  MailDeliveryError,
  type Mailer,
  type MailMessage,
} from './mailer.ts';
export { createMailerFromEnv, DEFAULT_MAIL_FROM, type MailEnvironment } from './mailer-from-env.ts';
export { createOutboxMailer, DEFAULT_OUTBOX_DIRECTORY, type OutboxMailerOptions } from './outbox-mailer.ts';
export {
  codeMessage,
  effectiveTemplate,
  escapeHtml,
  type MergeValues,
  PREVIEW_VALUES,
  type PreviewResult,
  previewTemplate,
  type RenderedMail,
  renderTemplate,
} from './render.ts';
export { createSmtpMailer, isTransient, parseSmtpUrl, type SmtpMailerOptions } from './smtp-mailer.ts';
export {
  MERGE_FIELDS,
  type MergeField,
  type NotificationTemplate,
  type ParsedTemplate,
  parseTemplate,
  type Segment,
  type TemplateParseResult,
  type TemplatePart,
  type TemplateProblem,
} from './template.ts';
