import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Field } from './Field.tsx';
import { Message } from './Message.tsx';
import { errorText } from './useLoad.ts';

export interface PasswordConfirmDialogProps {
  id: string;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  /** Runs the change with the typed password; a refusal keeps the dialog open and says why. */
  onConfirm: (currentPassword: string) => Promise<void>;
  onCancel: () => void;
}

/**
 * A change to one's own account asks for the current password first (re-authentication): a modal
 * dialog with the question, the password field and the server's answer if it refuses.
 */
export function PasswordConfirmDialog({
  id,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: PasswordConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!password) return setError('Enter your current password.');
    setBusy(true);
    setError(null);
    try {
      await onConfirm(password);
    } catch (caught) {
      setPassword('');
      setError(errorText(caught));
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      class="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <form onSubmit={submit} noValidate>
        <div id={`${id}-body`}>{children}</div>
        <Field
          id={`${id}-password`}
          label="Current password"
          type="password"
          value={password}
          onValue={setPassword}
          autoComplete="current-password"
          errorId={error ? `${id}-error` : undefined}
        />
        <Message id={`${id}-error`}>{error}</Message>
        <div class="actions">
          <button type="button" class="button secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" class="button danger" disabled={busy}>
            {busy ? 'Checking…' : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
