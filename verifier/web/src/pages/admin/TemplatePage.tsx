import { useEffect, useState } from 'preact/hooks';
import type { NotificationTemplate, RenderedMail } from '../../api/types.ts';
import { useSession } from '../../session.tsx';
import { Field } from '../../ui/Field.tsx';
import { Message } from '../../ui/Message.tsx';
import { Switch } from '../../ui/Switch.tsx';
import { errorText, useLoad } from '../../ui/useLoad.ts';

const fieldHelp: Record<string, string> = {
  code: 'the 6-digit sign-in code (required in each body)',
  username: 'the username',
  displayName: 'the user’s display name',
  minutes: 'how many minutes the code is valid (5)',
  organisation: 'the organisation name from System Settings',
};

/**
 * The e-mail that carries sign-in codes: subject and one plain-text body with merge fields (the HTML
 * part is generated from it), a preview of both parts, the active switch.
 */
export function TemplatePage() {
  const { api } = useSession();
  const loaded = useLoad(() => api.template(), []);
  const [form, setForm] = useState<NotificationTemplate | null>(null);
  const [preview, setPreview] = useState<RenderedMail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (loaded.data) {
      const { subject, text, active } = loaded.data;
      setForm({ subject, text, active });
    }
  }, [loaded.data]);

  if (!form || !loaded.data) {
    return (
      <section class="card">
        <h1>Notification template</h1>
        <Message>{loaded.error}</Message>
        {!loaded.error && <p aria-busy="true">Loading…</p>}
      </section>
    );
  }
  const fields = loaded.data.fields;
  const set = <K extends keyof NotificationTemplate>(key: K, value: NotificationTemplate[K]) => {
    setForm({ ...form, [key]: value });
    setSaved(null);
  };

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await action();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const showPreview = () =>
    run(async () => {
      setPreview(await api.previewTemplate(form));
    });

  const save = (event: Event) => {
    event.preventDefault();
    return run(async () => {
      await api.saveTemplate(form);
      setSaved(
        form.active
          ? 'Template saved. Sign-in codes are sent with it from now on.'
          : 'Template saved but not active: the built-in message is sent until you turn Active on.',
      );
    });
  };

  return (
    <section class="card">
      <h1>Notification template</h1>
      <p>The e-mail sent to users whose sign-in codes come by e-mail.</p>
      <form onSubmit={(event) => void save(event)} noValidate>
        <Switch
          id="template-active"
          label="Active"
          checked={form.active}
          onChange={(checked) => set('active', checked)}
          hint="While off, the built-in message is sent and this one is kept for editing."
        />
        <Field
          id="template-subject"
          label="Subject"
          value={form.subject}
          onValue={(v) => set('subject', v)}
          maxLength={200}
        />
        <div class="field">
          <label for="template-text">Plain-text body</label>
          <p class="hint" id="template-text-hint">
            The HTML part is made from this text: blank lines start paragraphs, web addresses become links and
            the code is set large.
          </p>
          <textarea
            id="template-text"
            rows={10}
            value={form.text}
            onInput={(event) => set('text', event.currentTarget.value)}
            aria-describedby="template-text-hint merge-fields"
          />
        </div>
        <div class="note" id="merge-fields">
          <p>Merge fields, replaced in each message:</p>
          <ul>
            {fields.map((name) => (
              <li key={name}>
                <code>{`{{${name}}}`}</code>: {fieldHelp[name] ?? name}
              </li>
            ))}
          </ul>
        </div>
        <Message id="template-error">{error}</Message>
        <Message kind="success">{saved}</Message>
        <div class="actions">
          <button type="submit" class="button primary" disabled={busy}>
            Save
          </button>
          <button type="button" class="button secondary" disabled={busy} onClick={() => void showPreview()}>
            Preview
          </button>
        </div>
      </form>
      {preview && (
        <section aria-labelledby="preview-title" class="preview">
          <h2 id="preview-title">Preview (sample code 123456)</h2>
          <p>
            Subject: <strong id="preview-subject">{preview.subject}</strong>
          </p>
          <h3>As most mail programs show it (HTML)</h3>
          {/* No sandbox tokens: the message can run no script and reach nothing of this page. */}
          <iframe
            id="preview-html"
            class="preview-frame"
            title="The HTML part of the message"
            sandbox=""
            srcdoc={preview.html}
          />
          <h3>Plain-text part</h3>
          <pre id="preview-text">{preview.text}</pre>
        </section>
      )}
    </section>
  );
}
