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
  html: [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif; line-height: 1.5;">',
    '<p>Hello {{displayName}},</p>',
    '<p>Your sign-in code is:</p>',
    '<p style="font-size: 28px; font-weight: bold; letter-spacing: 4px;">{{code}}</p>',
    '<p>Enter it on the sign-in page within {{minutes}} minutes. It works only once.</p>',
    '<p>If you did not just sign in as <strong>{{username}}</strong>, someone else may know your password.',
    'Change it and tell your administrator. Never share this code with anyone.</p>',
    '<p>{{organisation}}</p>',
    '</body></html>',
    '',
  ].join('\n'),
  active: true,
});
