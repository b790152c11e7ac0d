import { spokenInstant } from '../invitations/invitation-message.ts';
import type { MailMessage } from '../mail/index.ts';
import { textToHtml } from '../mail/text-to-html.ts';

export interface ReminderValues {
  displayName: string;
  username: string;
  organisation: string;
  /** Where users sign in (PUBLIC_URL); without it the e-mail names no address. */
  signInUrl: string | undefined;
  /** Since when the user has been asked to set up, if known. */
  pendingSince: number | null;
}

const oneLine = (value: string): string => value.replace(/[\r\n\t]+/g, ' ');

/**
 * The reminder to a Pending user: plain text with the HTML part generated from it, as every e-mail
 * of the verifier. It carries no secret and no link that signs anyone in, only where to sign in.
 */
export function reminderMessage(to: string, values: ReminderValues): MailMessage {
  const since = values.pendingSince === null ? '' : ` since ${spokenInstant(values.pendingSince)}`;
  const text = [
    `Hello ${values.displayName},`,
    '',
    `${values.organisation} asks you to set up two-factor authentication for ${values.username}: it has been waiting${since}.`,
    values.signInUrl
      ? `Sign in at ${values.signInUrl} and follow the steps; it takes about two minutes.`
      : 'Sign in as usual and follow the steps; it takes about two minutes.',
    '',
    'If you have questions, ask your administrator. This e-mail needs no answer.',
    '',
    values.organisation,
    '',
  ].join('\n');
  return {
    to,
    subject: oneLine(`Reminder: set up two-factor authentication for ${values.organisation}`),
    text,
    html: textToHtml([{ text }]),
  };
}
