import { useEffect, useState } from 'preact/hooks';
import type { SecurityMailKinds } from '../../api/types.ts';
import { useSession } from '../../session.tsx';
import { Message } from '../../ui/Message.tsx';
import { errorText } from '../../ui/useLoad.ts';

/** System Settings: which security e-mails are sent, each with the words it says. */
export function SecurityMailPanel() {
  const { api } = useSession();
  const [kinds, setKinds] = useState<SecurityMailKinds['kinds'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    api.securityMail().then(
      (answer) => setKinds(answer.kinds),
      (caught) => setError(errorText(caught)),
    );
  }, []);

  const toggle = async (kind: string, enabled: boolean) => {
    setError(null);
    setSaved(null);
    try {
      const answer = await api.saveSecurityMail({ [kind]: enabled });
      setKinds(answer.kinds);
      setSaved('Saved.');
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  return (
    <section class="card" aria-labelledby="security-mail-title">
      <h2 id="security-mail-title">Security e-mails</h2>
      <p>
        Users are told by e-mail when something changes how they sign in. Users without an address get none.
      </p>
      {kinds && (
        <ul class="security-mail-kinds">
          {kinds.map((kind) => (
            <li key={kind.kind}>
              <label>
                <input
                  type="checkbox"
                  checked={kind.enabled}
                  onChange={(event) => void toggle(kind.kind, event.currentTarget.checked)}
                />{' '}
                {kind.label}
              </label>
              <details>
                <summary>Wording of “{kind.label}”</summary>
                <p>
                  <strong>Subject:</strong> {kind.subject}
                </p>
                <pre class="mail-text">{kind.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
      <Message id="security-mail-error">{error}</Message>
      <Message kind="success">{saved}</Message>
    </section>
  );
}
