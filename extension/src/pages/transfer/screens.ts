/** The screens of the transfer page, each reachable as `transfer.html#<name>`. */
export const TRANSFER_SCREENS = ['backup', 'restore', 'import', 'export'] as const;
export type TransferScreenName = (typeof TRANSFER_SCREENS)[number];

export const SCREEN_TITLES: Record<TransferScreenName, string> = {
  backup: 'Back up',
  restore: 'Restore',
  import: 'Import',
  export: 'Export',
};

export function screenFromHash(hash: string): TransferScreenName {
  const name = hash.replace(/^#/, '');
  return (TRANSFER_SCREENS as readonly string[]).includes(name) ? (name as TransferScreenName) : 'backup';
}
