export interface ConfirmInlineProps {
  /** The action, as its button says it: "Revoke", "Remove". */
  verb: string;
  /** The same in the -ing form, for the confirming button's name: "revoking". */
  verbing: string;
  /** What it acts on, for the buttons' accessible names. */
  name: string;
  confirming: boolean;
  onAsk: () => void;
  onConfirm: () => void;
  onKeep: () => void;
}

/** A row's destructive action that asks once in place: "Revoke", then "Revoke now" or "Keep". */
export function ConfirmInline({
  verb,
  verbing,
  name,
  confirming,
  onAsk,
  onConfirm,
  onKeep,
}: ConfirmInlineProps) {
  if (!confirming) {
    return (
      <button type="button" class="button secondary small" onClick={onAsk} aria-label={`${verb} ${name}`}>
        {verb}
      </button>
    );
  }
  return (
    <span class="confirm">
      <button
        type="button"
        class="button danger small"
        onClick={onConfirm}
        aria-label={`Confirm ${verbing} ${name}`}
      >
        {verb} now
      </button>
      <button type="button" class="button link small" onClick={onKeep}>
        Keep
      </button>
    </span>
  );
}
