import { useState } from 'preact/hooks';

/**
 * "Show a new key", behind a warning: the key already scanned stops working, so a user who asks by
 * mistake would otherwise be left with an authenticator entry whose codes are all refused.
 */
export function NewKey({ busy, onConfirm }: { busy: boolean; onConfirm: () => Promise<boolean> }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" class="button link" disabled={busy} onClick={() => setAsking(true)}>
        Show a new key
      </button>
    );
  }
  return (
    <div class="note warning" role="alert">
      <p>
        <strong>The key you already scanned will stop working.</strong> Delete its entry from your
        authenticator and scan the new key instead.
      </p>
      <div class="actions">
        <button
          type="button"
          class="button secondary"
          disabled={busy}
          onClick={async () => {
            if (await onConfirm()) setAsking(false);
          }}
        >
          Yes, show a new key
        </button>
        <button type="button" class="button link" disabled={busy} onClick={() => setAsking(false)}>
          Keep this key
        </button>
      </div>
    </div>
  );
}
