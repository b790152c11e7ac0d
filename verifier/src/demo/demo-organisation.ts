/** What `npm run demo` sets up: one organisation, its admin and a user in each 2FA situation worth seeing. */

export const DEMO_ORGANISATION = 'Example Support';

/** Known on purpose: the demo is for trying the product on one's own machine, never for real accounts. */
export const DEMO_ADMIN_PASSWORD = 'demo admin password';

/** A custom group with 2FA off, to show members whose 2FA switch is hidden. */
export const DEMO_CUSTOM_GROUP = 'Contractors';

export interface DemoUser {
  username: string;
  displayName: string;
  group: string;
  /** None for a single sign-on user: the verifier takes no password from them. */
  password: string | null;
  source: 'local' | 'sso';
  /** Pending: 2FA on, not set up yet. Activated: set up by the demo (its setup key is printed). */
  twoFactor: 'Pending' | 'Activated' | 'Disabled';
  /** Why this user is in the demo, printed beside the name. */
  shows: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'agent',
    displayName: 'Support Agent',
    group: 'Agent',
    password: 'demo agent password',
    source: 'local',
    twoFactor: 'Pending',
    shows: 'sees the setup banner; set up 2FA by scanning the QR code with the extension',
  },
  {
    username: 'supervisor',
    displayName: 'Shift Supervisor',
    group: 'Supervisor',
    password: 'demo supervisor password',
    source: 'local',
    twoFactor: 'Activated',
    shows: 'set up already; to sign in, add the setup key below in the extension (Add manually)',
  },
  {
    username: 'analyst',
    displayName: 'Data Analyst',
    group: 'Analyst',
    password: 'demo analyst password',
    source: 'local',
    twoFactor: 'Disabled',
    shows: '2FA off for this user: signs in with the password only',
  },
  {
    username: 'contractor',
    displayName: 'Contractor',
    group: DEMO_CUSTOM_GROUP,
    password: 'demo contractor password',
    source: 'local',
    twoFactor: 'Disabled',
    shows: 'in a custom group with 2FA off: the admin cannot turn it on for them',
  },
  {
    username: 'sso-agent',
    displayName: 'Agent (single sign-on)',
    group: 'Agent',
    password: null,
    source: 'sso',
    twoFactor: 'Disabled',
    shows:
      'a single sign-on user: signs in through the identity provider, never with a password or code here',
  },
];
