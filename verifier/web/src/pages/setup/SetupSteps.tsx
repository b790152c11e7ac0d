export const setupSteps = [
  'Get started',
  'Install an authenticator',
  'Scan the QR code',
  'Verify configuration',
] as const;

/** Where the user is in the setup, as a numbered list with the current step marked. */
export function SetupSteps({ current }: { current: number }) {
  return (
    <ol class="steps" aria-label="Setup steps">
      {setupSteps.map((name, index) => (
        <li
          key={name}
          class={index < current ? 'done' : index === current ? 'current' : undefined}
          aria-current={index === current ? 'step' : undefined}
        >
          <span class="step-number" aria-hidden="true">
            {index + 1}
          </span>
          <span class="step-name">{name}</span>
        </li>
      ))}
    </ol>
  );
}
