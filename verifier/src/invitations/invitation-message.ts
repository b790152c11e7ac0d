import type { MailMessage } from '../mail/index.ts';
import { textToHtml } from '../mail/text-to-html.ts';

export interface InvitationValues {
  displayName: string;
  username: string;
  organisation: string;
  link: string;
  expiresAt: number;
}

// A display name or organisation name with a line break must not split the subject header.
const oneLine = (value: string): string => value.replace(/[\r\n\t]+/g, ' ');

/** "3 December 2026, 10:15 UTC": one zone for everyone, since the recipient's is unknown. */
export function spokenInstant(at: number): string {
  const date = new Date(at);
  const day = date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const time = date.toISOString().slice(11, 16);
  return `${day}, ${time} UTC`;
}

/** The invitation e-mail: plain text, and the HTML part generated from it as for sign-in codes. */
export function invitationMessage(to: string, values: InvitationValues): MailMessage {
  const text = [
    `Hello ${values.displayName},`,
    '',
    `${values.organisation} invites you to sign in as ${values.username}. Choose your password here:`,
    '',
    values.link,
    '',
    `The link works once and expires in 24 hours (${spokenInstant(values.expiresAt)}).`,
    'After choosing your password you set up two-factor authentication.',
    '',
    'If you did not expect this invitation, ignore this e-mail: nothing changes without the link.',
    '',
    values.organisation,
    '',
  ].join('\n');
  return {
    to,
    subject: oneLine(`Your invitation to ${values.organisation}`),
    text,
    html: textToHtml([{ text }]),
  };
}
