export interface VaultWarningsProps {
  passwordless: boolean;
}

/** The standing warning above every unlocked screen of a vault without a password. */
export function VaultWarnings({ passwordless }: VaultWarningsProps) {
  return passwordless ? (
    <p class="warning">No password: anyone using this browser profile can read your codes.</p>
  ) : null;
}
