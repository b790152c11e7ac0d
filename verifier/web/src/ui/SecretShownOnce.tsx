import type { ComponentChildren } from 'preact';
import { CopyButton } from './CopyButton.tsx';

export interface SecretShownOnceProps {
  /** The panel's accessible name: "New API key". */
  label: string;
  /** The sentence above the secret. */
  children: ComponentChildren;
  /** The secret, when there is one to show (a public OIDC client has none). */
  secret?: { id: string; value: string; copyLabel: string } | undefined;
  onDone: () => void;
}

/** A secret the verifier keeps only a hash of: shown this once, with Copy, until Done. */
export function SecretShownOnce({ label, children, secret, onDone }: SecretShownOnceProps) {
  return (
    <section class="note key-once" aria-label={label}>
      {children}
      {secret && (
        <>
          <p class="secret">
            <code id={secret.id}>{secret.value}</code>
          </p>
          <CopyButton text={secret.value} label={secret.copyLabel} />{' '}
        </>
      )}
      <button type="button" class="button link" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
