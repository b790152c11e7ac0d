import { useState } from 'preact/hooks';
import type { CodeMethod, Group, SignInSource, TwoFactorReason, TwoFactorStatus } from '../../api/types.ts';
import { Link } from '../../router.tsx';
import { Field } from '../../ui/Field.tsx';
import { Message } from '../../ui/Message.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { pendingText, reasonText } from './reasonText.ts';

export interface UserValues {
  username: string;
  displayName: string;
  email: string;
  groupId: string;
  source: SignInSource;
  password: string;
  twoFactorEnabled: boolean;
  method: CodeMethod;
}

export interface UserFormProps {
  mode: 'add' | 'edit';
  initial: UserValues;
  groups: Group[];
  /** Whether 2FA is enabled system-wide (the per-user switch only takes effect then). */
  systemTwoFactorEnabled: boolean;
  /** Methods offered in System Settings. */
  methods: CodeMethod[];
  status?: TwoFactorStatus;
  /** Why the saved user has that status, as the server's policy rules say. */
  reason?: TwoFactorReason;
  /** False for a user imported without a password: the field then sets one instead of replacing it. */
  hasPassword?: boolean;
  busy: boolean;
  error: string | null;
  onSubmit: (values: UserValues) => void;
}

/** Whether members of `group` may have 2FA: always in default groups, in custom ones only when switched on. */
export function groupAllowsTwoFactor(group: Group | undefined): boolean {
  return group ? group.isDefault || group.twoFactorEnabled : false;
}

export function UserForm(props: UserFormProps) {
  const { mode, initial, groups, systemTwoFactorEnabled, methods, status, reason, busy, error, onSubmit } =
    props;
  const noPassword = mode === 'edit' && props.hasPassword === false;
  const [values, setValues] = useState<UserValues>(initial);
  const set = <K extends keyof UserValues>(key: K, value: UserValues[K]) =>
    setValues({ ...values, [key]: value });
  const group = groups.find((candidate) => String(candidate.id) === values.groupId);
  const available = groupAllowsTwoFactor(group);
  const sso = values.source === 'sso';
  // After the grace period the switch decides nothing for a local user, so it is not shown.
  const mandatory = reason === 'grace-period-ended' && !sso;
  const switchShown = available && !sso && !mandatory;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        // A hidden switch keeps its saved value: the group, not this form, decides while it is hidden.
        onSubmit(switchShown ? values : { ...values, twoFactorEnabled: initial.twoFactorEnabled });
      }}
      noValidate
    >
      <fieldset>
        <legend>Details</legend>
        {mode === 'add' ? (
          <Field
            id="user-username"
            label="Username"
            value={values.username}
            onValue={(value) => set('username', value)}
            autoComplete="off"
            autoCapitalize="none"
            spellcheck={false}
            required
          />
        ) : (
          <p>
            Username: <strong>{values.username}</strong>
          </p>
        )}
        <Field
          id="user-display-name"
          label="Display name"
          value={values.displayName}
          onValue={(value) => set('displayName', value)}
          autoComplete="off"
          required
        />
        <Field
          id="user-email"
          label="E-mail"
          type="email"
          value={values.email}
          onValue={(value) => set('email', value)}
          autoComplete="off"
          hint="Needed when the user receives codes by e-mail."
        />
        <div class="field">
          <label for="user-group">Security access group</label>
          <select
            id="user-group"
            value={values.groupId}
            onChange={(event) => set('groupId', event.currentTarget.value)}
          >
            {groups.map((candidate) => (
              <option key={candidate.id} value={String(candidate.id)}>
                {candidate.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="user-source">Sign-in source</label>
          <select
            id="user-source"
            value={values.source}
            onChange={(event) => set('source', event.currentTarget.value as SignInSource)}
            aria-describedby="user-source-hint"
          >
            <option value="local">Local (username and password)</option>
            <option value="sso">Single sign-on (SSO)</option>
          </select>
          <p class="hint" id="user-source-hint">
            Users who sign in through single sign-on are never asked for a code here.
          </p>
        </div>
        {values.source === 'local' && noPassword && (
          <p class="note" id="user-no-password">
            No password yet: this user cannot sign in until a password is set.
          </p>
        )}
        {values.source === 'local' && (
          <Field
            id="user-password"
            label={
              mode === 'add'
                ? 'Password'
                : noPassword
                  ? 'Set a password (this user has none yet)'
                  : 'New password'
            }
            type="password"
            value={values.password}
            onValue={(value) => set('password', value)}
            autoComplete="new-password"
            minLength={12}
            hint={
              mode === 'add' || noPassword
                ? 'At least 12 characters. Give it to the user over a separate channel.'
                : 'Leave empty to keep the current password. At least 12 characters.'
            }
          />
        )}
      </fieldset>

      <fieldset>
        <legend>Two-factor authentication</legend>
        {status && (
          <p id="user-two-factor-status">
            2FA status: <StatusBadge status={status} />
            {reason && <> {reasonText(reason, group?.name ?? 'selected')}</>}
            {status === 'Pending' && <> {pendingText(initial.method)}</>}
          </p>
        )}
        {!systemTwoFactorEnabled && !sso && !mandatory && (
          <p class="note">
            2FA is off for the whole organisation, so this user is not asked for a code. Turn on{' '}
            <Link href="/admin/settings">2FA enabled in System Settings</Link> first.
          </p>
        )}
        {sso ? null : !available && !mandatory ? (
          <p class="note" id="user-two-factor-unavailable">
            The {group?.name ?? 'selected'} group does not allow two-factor authentication, so the 2FA enabled
            setting is hidden. Turn on <em>Enable 2FA</em> for this group on the{' '}
            <Link href="/admin/groups">Security Access Groups</Link> page to make it available.
          </p>
        ) : (
          <>
            {switchShown && (
              <div class="field">
                <label class="check" for="user-two-factor">
                  <input
                    id="user-two-factor"
                    type="checkbox"
                    checked={values.twoFactorEnabled}
                    onChange={(event) => set('twoFactorEnabled', event.currentTarget.checked)}
                    aria-describedby="user-two-factor-hint"
                  />
                  2FA enabled
                </label>
                <p class="hint" id="user-two-factor-hint">
                  {hintFor(mode, values.method)}
                </p>
              </div>
            )}
            {methods.length > 1 && (values.twoFactorEnabled || mandatory) && (
              <div class="field">
                <label for="user-method">How the user receives codes</label>
                <select
                  id="user-method"
                  value={values.method}
                  onChange={(event) => set('method', event.currentTarget.value as CodeMethod)}
                >
                  {methods.includes('totp') && (
                    <option value="totp">Authenticator app or browser extension</option>
                  )}
                  {methods.includes('email') && <option value="email">Code sent by e-mail</option>}
                </select>
              </div>
            )}
          </>
        )}
      </fieldset>
      <Message id="user-error">{error}</Message>
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Saving…' : mode === 'add' ? 'Add user' : 'Save'}
        </button>
        <Link href="/admin/users" class="button link">
          Cancel
        </Link>
      </div>
    </form>
  );
}

/** E-mail users have no device to lose: their factor is the address the admin keeps here. */
function hintFor(mode: UserFormProps['mode'], method: CodeMethod): string {
  if (method === 'email') {
    return 'Codes go to the e-mail address above; if the user loses access to it, change the address here. A new address is confirmed by a code at their next sign-in.';
  }
  return mode === 'edit'
    ? 'Lost device? Turn 2FA enabled off and save, then turn it on again and save. The old authenticator stops working and the user sets up two-factor authentication again at their next sign-in.'
    : 'The user is asked to set up two-factor authentication at their first sign-in.';
}
