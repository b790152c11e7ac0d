import type { ComponentChildren } from 'preact';

/** The input attributes the pages use (kept narrow so every field stays consistent). */
interface InputProps {
  type?: 'text' | 'password' | 'email' | 'search';
  autoComplete?: string;
  autoCapitalize?: 'none' | 'off';
  spellcheck?: boolean;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  inputMode?: 'text' | 'numeric' | 'email';
  placeholder?: string;
}

export interface FieldProps extends InputProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: ComponentChildren;
  /** Marks the field invalid and points to the message that explains why. */
  errorId?: string;
}

/** A labelled text input with an optional hint, both tied to it for screen readers. */
export function Field({ id, label, value, onValue, hint, errorId, type = 'text', ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={id}
        // Preact types each input type separately; these four share every attribute used here.
        type={type as 'text'}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-describedby={describedBy}
        aria-invalid={errorId ? true : undefined}
        {...input}
      />
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
