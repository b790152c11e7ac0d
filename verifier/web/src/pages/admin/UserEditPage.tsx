import { useState } from 'preact/hooks';
import type { AdminUser, Group, UserChanges } from '../../api/types.ts';
import { navigate } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { Message } from '../../ui/Message.tsx';
import { errorText, useLoad } from '../../ui/useLoad.ts';
import { UserRecoveryCodes } from '../recovery-codes/UserRecoveryCodes.tsx';
import { InvitationPanel } from './InvitationPanel.tsx';
import { RememberedDevicesPanel } from './RememberedDevicesPanel.tsx';
import { UserForm, type UserValues } from './UserForm.tsx';

/** Add user (`id` undefined) or Edit user. */
export function UserEditPage({ id }: { id?: string }) {
  const { api } = useSession();
  const loaded = useLoad(async () => {
    const [settings, groups, user] = await Promise.all([
      api.settings(),
      api.groups(),
      id === undefined ? Promise.resolve(undefined) : api.user(Number(id)),
    ]);
    return { settings, groups: groups.items, user };
  }, [id]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [round, setRound] = useState(0);

  const title = id === undefined ? 'Add user' : 'Edit user';
  if (!loaded.data) {
    return (
      <section class="card">
        <h1>{title}</h1>
        <Message>{loaded.error}</Message>
        {!loaded.error && <p aria-busy="true">Loading…</p>}
      </section>
    );
  }
  const { settings, groups, user } = loaded.data;
  const initial = valuesOf(user, groups);

  const submit = async (values: UserValues) => {
    setStatus(null);
    const problem = checkValues(values, user === undefined);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      if (!user) {
        await api.createUser({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          email: values.email.trim(),
          groupId: groupIdOf(values.groupId, groups),
          source: values.source,
          password: values.source === 'local' ? values.password : undefined,
          twoFactorEnabled: values.twoFactorEnabled,
          ...(values.twoFactorEnabled && settings.methods.includes(values.method)
            ? { method: values.method }
            : {}),
        });
        navigate('/admin/users');
        return;
      }
      const changes = changesFrom(initial, values, groups);
      if (Object.keys(changes).length === 0) {
        setStatus('Nothing has changed.');
        return;
      }
      await api.updateUser(user.id, changes);
      setStatus('Changes saved.');
      setRound(round + 1);
      loaded.reload();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const unlock = async () => {
    if (!user) return;
    try {
      await api.unlockUser(user.id);
      setStatus(`${user.username} is unlocked.`);
      loaded.reload();
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  const clearEmailLimit = async () => {
    if (!user) return;
    try {
      await api.clearEmailLimit(user.id);
      setStatus(`${user.username} can be sent a code again now.`);
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  return (
    <section class="card">
      <h1>{title}</h1>
      {user?.locked && (
        <div class="note warning">
          <p>This account is locked after too many failed sign-in attempts.</p>
          <button type="button" class="button secondary" onClick={() => void unlock()}>
            Unlock
          </button>
        </div>
      )}
      {user?.method === 'email' && (
        <div class="note">
          <p>Too many e-mailed codes in the last hour? Clear the limit so the user gets one at once.</p>
          <button type="button" class="button secondary" onClick={() => void clearEmailLimit()}>
            Clear e-mail limit
          </button>
        </div>
      )}
      {user && <InvitationPanel key={`${user.id}-${round}`} user={user} />}
      {user && <RememberedDevicesPanel key={`devices-${user.id}-${round}`} user={user} />}
      {user && <UserRecoveryCodes user={user} />}
      <Message kind="success">{status}</Message>
      <UserForm
        // A new form once the saved user is back: the round starts it, the saved fields finish it.
        key={`${user?.id ?? 'new'}-${round}-${user?.twoFactorEnabled}-${user?.method}-${user?.email}`}
        mode={user ? 'edit' : 'add'}
        initial={initial}
        groups={groups}
        systemTwoFactorEnabled={settings.twoFactorEnabled}
        methods={settings.methods}
        status={user?.twoFactorStatus}
        reason={user?.twoFactorReason}
        hasPassword={user?.hasPassword}
        busy={busy}
        error={error}
        onSubmit={(values) => void submit(values)}
      />
    </section>
  );
}

function valuesOf(user: AdminUser | undefined, groups: Group[]): UserValues {
  const defaultGroup = groups.find((group) => group.name === 'Agent') ?? groups[0];
  const group = user ? user.group : defaultGroup;
  return {
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    email: user?.email ?? '',
    groupId: group ? String(group.id) : '',
    source: user?.source ?? 'local',
    password: '',
    twoFactorEnabled: user?.twoFactorEnabled ?? false,
    method: user?.method ?? 'totp',
  };
}

/** The group id in the type the server uses (select values are strings). */
function groupIdOf(value: string, groups: Group[]): Group['id'] {
  return groups.find((group) => String(group.id) === value)?.id ?? Number(value);
}

function checkValues(values: UserValues, adding: boolean): string | null {
  if (adding && !/^[A-Za-z0-9._@-]{1,64}$/.test(values.username.trim())) {
    return 'Enter a username of letters, digits, dots, dashes, underscores or @ (at most 64).';
  }
  if (!values.displayName.trim()) return 'Enter the display name.';
  const email = values.email.trim();
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) return 'Enter a valid e-mail address, or leave it empty.';
  if (!values.groupId) return 'Choose a security access group.';
  if (values.source === 'local' && (adding || values.password) && values.password.length < 12) {
    return 'Choose a password of at least 12 characters.';
  }
  return null;
}

function changesFrom(before: UserValues, after: UserValues, groups: Group[]): UserChanges {
  const changes: UserChanges = {};
  if (after.displayName.trim() !== before.displayName) changes.displayName = after.displayName.trim();
  if (after.email.trim() !== before.email) changes.email = after.email.trim();
  if (after.groupId !== before.groupId) changes.groupId = groupIdOf(after.groupId, groups);
  if (after.source !== before.source) changes.source = after.source;
  if (after.password) changes.password = after.password;
  if (after.twoFactorEnabled !== before.twoFactorEnabled) changes.twoFactorEnabled = after.twoFactorEnabled;
  if (after.method !== before.method) changes.method = after.method;
  return changes;
}
