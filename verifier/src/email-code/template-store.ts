import type { Db } from '../db/schema.ts';
import { DEFAULT_TEMPLATE, type NotificationTemplate } from '../mail/index.ts';

/** The admin's saved template, or null while the built-in one has never been replaced. */
export async function loadTemplate(db: Db): Promise<NotificationTemplate | null> {
  const row = await db
    .selectFrom('notification_templates')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!row) return null;
  // html_body of older rows is left unread: the HTML part is now generated from text_body.
  return { subject: row.subject, text: row.text_body, active: row.active === 1 };
}

/** The template to edit: the saved one, else the built-in default. */
export async function editableTemplate(db: Db): Promise<NotificationTemplate & { saved: boolean }> {
  const stored = await loadTemplate(db);
  return stored ? { ...stored, saved: true } : { ...DEFAULT_TEMPLATE, saved: false };
}

/** Saves a template that parseTemplate has accepted. */
export async function saveTemplate(db: Db, template: NotificationTemplate, now: number): Promise<void> {
  const values = {
    subject: template.subject,
    text_body: template.text,
    html_body: '',
    active: template.active ? 1 : 0,
    updated_at: now,
  };
  await db
    .insertInto('notification_templates')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
