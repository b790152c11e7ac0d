import type { MessageKey } from '../../i18n/messages.ts';

/** The screens of the transfer page, each reachable as `transfer.html#<name>`. */
export const TRANSFER_SCREENS = ['backup', 'restore', 'import', 'export'] as const;
export type TransferScreenName = (typeof TRANSFER_SCREENS)[number];

/** The catalogue key of each screen's title. */
export const SCREEN_TITLES: Record<TransferScreenName, MessageKey> = {
  backup: 'screenBackup',
  restore: 'screenRestore',
  import: 'screenImport',
  export: 'screenExport',
};

export function screenFromHash(hash: string): TransferScreenName {
  const name = hash.replace(/^#/, '');
  return (TRANSFER_SCREENS as readonly string[]).includes(name) ? (name as TransferScreenName) : 'backup';
}
