import type { ComponentChildren } from 'preact';

export interface SwitchProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ComponentChildren;
  disabled?: boolean;
}

/** An on/off setting: a real checkbox announced as a switch, drawn as a toggle. */
export function Switch({ id, label, checked, onChange, hint, disabled }: SwitchProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="field switch-field">
      <label class="switch" for={id}>
        <input
          id={id}
          type="checkbox"
          // biome-ignore lint/a11y/useAriaPropsForRole: a native checkbox states its own checked state; ARIA in HTML forbids aria-checked on it
          role="switch"
          checked={checked}
          disabled={disabled}
          aria-describedby={hintId}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <span class="switch-track" aria-hidden="true" />
        <span class="switch-label">{label}</span>
      </label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
