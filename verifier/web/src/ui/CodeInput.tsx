import { onlyDigits } from '../format.ts';

export interface CodeInputProps {
  id: string;
  label: string;
  digits: number;
  value: string;
  onValue: (value: string) => void;
  errorId?: string;
  hintId?: string;
  autoFocus?: boolean;
}

/**
 * The one-time code field: numeric keypad on phones, digits only (pasted spaces or dashes fall away),
 * never longer than the credential's digit count, and visible as typed so a slip can be seen.
 */
export function CodeInput({ id, label, digits, value, onValue, errorId, hintId, autoFocus }: CodeInputProps) {
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name="code"
        class="code-input"
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="one-time-code"
        spellcheck={false}
        maxLength={digits}
        size={digits + 2}
        placeholder={'0'.repeat(digits)}
        value={value}
        // biome-ignore lint/a11y/noAutofocus: a code page exists to take this one value, so the caret starts there
        autoFocus={autoFocus}
        aria-describedby={describedBy}
        aria-invalid={errorId ? true : undefined}
        onInput={(event) => {
          const input = event.currentTarget;
          const cleaned = onlyDigits(input.value, digits);
          // Keep the DOM in step even when the cleaned value equals the previous state.
          if (input.value !== cleaned) input.value = cleaned;
          onValue(cleaned);
        }}
        onPaste={(event) => {
          const pasted = event.clipboardData?.getData('text') ?? '';
          if (/\D/.test(pasted)) {
            event.preventDefault();
            onValue(onlyDigits(pasted, digits));
          }
        }}
      />
    </div>
  );
}
