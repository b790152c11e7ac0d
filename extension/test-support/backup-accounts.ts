/**
 * The accounts the backup-and-restore browser tests add by hand, as the form takes them. Two kinds,
 * so a restore that lost an algorithm, a digit count or a period would show different codes.
 */
export const BACKUP_TEST_ACCOUNTS = [
  {
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    issuer: 'Example Portal',
    account: 'ana@example.com',
    algorithm: 'SHA1',
    digits: '6',
    period: '30',
  },
  {
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    issuer: 'Bank',
    account: 'ben',
    algorithm: 'SHA256',
    digits: '8',
    period: '60',
  },
] as const;

export const VAULT_PASSWORD = 'correct horse battery';
export const BACKUP_PASSWORD = 'a different backup password';

/** One row of the popup's list as the user reads it: "Issuer|account|code". */
export const READ_CODES = `[...document.querySelectorAll('li.account')].map((row) =>
  [row.querySelector('.issuer')?.textContent, row.querySelector('.name')?.textContent,
   (row.querySelector('[data-testid="code"]')?.textContent ?? '').replace(/\\s/g, '')].join('|'))`;
