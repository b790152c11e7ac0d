/** The shortest password the vault and backups accept, asked by every page that sets one. */
export const MIN_PASSWORD_LENGTH = 8;
