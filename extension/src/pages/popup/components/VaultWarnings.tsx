import { t } from '../../../i18n/t.ts';

export interface VaultWarningsProps {
  passwordless: boolean;
  /** The organisation's policy asks for a password. */
  passwordRequired?: boolean;
}

/** The standing warning above every unlocked screen of a vault without a password. */
export function VaultWarnings({ passwordless, passwordRequired = false }: VaultWarningsProps) {
  if (!passwordless) return null;
  return (
    <p class="warning">{passwordRequired ? t('passwordlessWarningRequired') : t('passwordlessWarning')}</p>
  );
}
