import { useEffect, useMemo } from 'preact/hooks';
import { CopyButton } from '../../ui/CopyButton.tsx';

/** The codes as a text file: one a line, with a heading saying what they are. */
export function codesAsText(codes: readonly string[], organisation: string, username: string): string {
  return [
    `Recovery codes for ${username} at ${organisation || 'the verifier'}`,
    'Each code signs you in once when you cannot use your authenticator. Keep them private.',
    '',
    ...codes,
    '',
  ].join('\n');
}

interface Props {
  codes: readonly string[];
  organisation: string;
  username: string;
}

/** New recovery codes, shown once: copy, download as text, print. */
export function RecoveryCodesList({ codes, organisation, username }: Props) {
  const text = codesAsText(codes, organisation, username);
  const href = useMemo(() => URL.createObjectURL(new Blob([text], { type: 'text/plain' })), [text]);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <div class="recovery-codes">
      <p id="recovery-codes-hint">
        Save these codes now: this is the only time they are shown. Each one signs you in once if you lose
        your phone or authenticator.
      </p>
      <ol class="recovery-code-list" aria-describedby="recovery-codes-hint">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div class="actions">
        <CopyButton text={codes.join('\n')} label="Copy codes" />
        <a class="button secondary" href={href} download="recovery-codes.txt">
          Download as text
        </a>
        <button type="button" class="button secondary" onClick={() => window.print()}>
          Print
        </button>
      </div>
    </div>
  );
}
