/**
 * Errors the vault throws for broken invariants. A wrong password is not one of them: `unlock`
 * returns it as a value. Every message tells the user what happened and that nothing was changed.
 */
export class VaultError extends Error {
  override readonly name: string = 'VaultError';
}

/** The stored vault cannot be read: fields missing, not decryptable with the right key, bad JSON. */
export class VaultCorruptError extends VaultError {
  override readonly name = 'VaultCorruptError';
  constructor(readonly detail: string) {
    super(
      `The stored vault is damaged (${detail}). Nothing was changed or deleted; restore it from a backup or reinstall.`,
    );
  }
}

/** Written by a newer release of the extension; reading it here could lose fields. */
export class VaultVersionError extends VaultError {
  override readonly name = 'VaultVersionError';
  constructor(found: number, supported: number) {
    super(
      `The vault was saved by a newer version of the extension (format ${found}; this one reads up to ${supported}). Update the extension.`,
    );
  }
}

export class VaultLockedError extends VaultError {
  override readonly name = 'VaultLockedError';
  constructor() {
    super('The vault is locked. Unlock it with your password first.');
  }
}

/** Another window saved the vault since this one read it; writing now would drop its change. */
export class VaultConflictError extends VaultError {
  override readonly name = 'VaultConflictError';
  constructor() {
    super('The accounts were changed in another window. Close and reopen the popup, then try again.');
  }
}

export class VaultExistsError extends VaultError {
  override readonly name = 'VaultExistsError';
  constructor() {
    super('A vault already exists; it was not replaced.');
  }
}

export class VaultMissingError extends VaultError {
  override readonly name = 'VaultMissingError';
  constructor() {
    super('No vault has been set up yet.');
  }
}
