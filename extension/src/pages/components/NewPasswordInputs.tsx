import { useEffect, useRef, useState } from 'preact/hooks';
import { PasswordHint } from './PasswordHint.tsx';

export interface NewPasswordInputsProps {
  /** "Password", "New password", "Backup password". */
  label: string;
  /** Its confirmation's label: "Confirm password"… */
  confirmLabel: string;
  /** The form field the password is read from; its confirmation is always `confirm`. */
  name: string;
}

/** A new password with its strength hint and its confirmation, as every form that sets one shows them. */
export function NewPasswordInputs({ label, confirmLabel, name }: NewPasswordInputsProps) {
  const [typed, setTyped] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // A form cleared after a save clears the hint with it.
  useEffect(() => {
    const form = input.current?.form;
    const clear = () => setTyped('');
    form?.addEventListener('reset', clear);
    return () => form?.removeEventListener('reset', clear);
  }, []);
  return (
    <>
      <label>
        {label}
        <input
          ref={input}
          name={name}
          type="password"
          autocomplete="new-password"
          onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)}
        />
      </label>
      <PasswordHint password={typed} />
      <label>
        {confirmLabel}
        <input name="confirm" type="password" autocomplete="new-password" />
      </label>
    </>
  );
}
