import type { NotificationTemplate } from './template.ts';

/** Sent until an admin saves and activates a template of their own. */
export const DEFAULT_TEMPLATE: NotificationTemplate = Object.freeze({
  subject: 'Your sign-in code for {{organisation}}',
  text: [
    'Hello {{displayName}},',
    '',
    'Your sign-in code is: {{code}}',
    '',
    'Enter it on the sign-in page within {{minutes}} minutes. It works only once.',
    '',
    'If you did not just sign in as {{username}}, someone else may know your password.',
    'Change it and tell your administrator. Never share this code with anyone.',
    '',
    '{{organisation}}',
    '',
  ].join('\n'),
  active: true,
});
