import { useState } from 'preact/hooks';

/** Copies `text` to the clipboard and says so; if the browser refuses, says how to copy by hand. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied.');
    } catch {
      setStatus('Copying is blocked here: select the text and copy it.');
    }
  };
  return (
    <span class="copy">
      <button type="button" class="button secondary" onClick={copy}>
        {label}
      </button>
      <span class="copy-status" role="status">
        {status}
      </span>
    </span>
  );
}
