import { useEffect, useState } from 'preact/hooks';
import type { Group } from '../../api/types.ts';
import { useSession } from '../../session.tsx';
import { Field } from '../../ui/Field.tsx';
import { Message } from '../../ui/Message.tsx';
import { errorText, useLoad } from '../../ui/useLoad.ts';

/** Default and custom security access groups; custom groups carry their own "Enable 2FA" switch. */
export function GroupsPage() {
  const { api } = useSession();
  const loaded = useLoad(() => api.groups(), []);
  const [switches, setSwitches] = useState<Record<string, boolean>>({});
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const groups = loaded.data?.items ?? [];
  useEffect(() => {
    setSwitches(
      Object.fromEntries((loaded.data?.items ?? []).map((g) => [String(g.id), g.twoFactorEnabled])),
    );
  }, [loaded.data]);
  const changed = groups.filter((g) => !g.isDefault && switches[String(g.id)] !== g.twoFactorEnabled);

  const create = async (event: Event) => {
    event.preventDefault();
    setStatus(null);
    if (!name.trim()) return setError('Enter a name for the new group.');
    setBusy(true);
    setError(null);
    try {
      const group = await api.createGroup(name.trim());
      setName('');
      setStatus(`Group ${group.name} created. Two-factor authentication is off for it until you enable it.`);
      loaded.reload();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    setStatus(null);
    setError(null);
    setBusy(true);
    try {
      for (const group of changed) {
        await api.updateGroup(group.id, { twoFactorEnabled: switches[String(group.id)] === true });
      }
      setStatus(changed.length === 1 ? 'The group is saved.' : `${changed.length} groups saved.`);
      loaded.reload();
    } catch (caught) {
      setError(errorText(caught));
      loaded.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card">
      <h1>Security Access Groups</h1>
      <p>
        Members of the four default groups each have their own 2FA switch on the Edit user page. For a custom
        group, turn on <em>Enable 2FA</em> here first: it is off for every new group.
      </p>
      <Message>{error ?? loaded.error}</Message>
      <Message kind="success">{status}</Message>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Security access groups</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Type</th>
              <th scope="col">Members</th>
              <th scope="col">2FA</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <GroupRow
                key={group.id}
                group={group}
                enabled={switches[String(group.id)] ?? group.twoFactorEnabled}
                onToggle={(on) => setSwitches({ ...switches, [String(group.id)]: on })}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button
          type="button"
          class="button primary"
          disabled={busy || changed.length === 0}
          onClick={() => void save()}
        >
          Save
        </button>
        {changed.length > 0 && <span class="hint">Unsaved changes to {changed.length} group(s).</span>}
      </div>

      <form class="inline-form" onSubmit={create} noValidate>
        <h2>Create a group</h2>
        <Field
          id="group-name"
          label="Group name"
          value={name}
          onValue={setName}
          maxLength={64}
          autoComplete="off"
        />
        <button type="submit" class="button secondary" disabled={busy}>
          Create group
        </button>
      </form>
    </section>
  );
}

function GroupRow({
  group,
  enabled,
  onToggle,
}: {
  group: Group;
  enabled: boolean;
  onToggle: (on: boolean) => void;
}) {
  const switchId = `group-2fa-${group.id}`;
  return (
    <tr>
      <th scope="row">{group.name}</th>
      <td>{group.isDefault ? 'Default' : 'Custom'}</td>
      <td>{group.memberCount ?? '—'}</td>
      <td>
        {group.isDefault ? (
          <span class="hint">Set per user</span>
        ) : (
          <label class="switch" for={switchId}>
            <input
              id={switchId}
              type="checkbox"
              // biome-ignore lint/a11y/useAriaPropsForRole: a native checkbox states its own checked state; ARIA in HTML forbids aria-checked on it
              role="switch"
              checked={enabled}
              onChange={(event) => onToggle(event.currentTarget.checked)}
            />
            <span class="switch-track" aria-hidden="true" />
            <span class="switch-label">
              Enable 2FA<span class="visually-hidden"> for {group.name}</span>
            </span>
          </label>
        )}
      </td>
    </tr>
  );
}
