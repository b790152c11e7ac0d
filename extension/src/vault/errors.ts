import { t } from '../i18n/t.ts';

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
    super(t('vaultDamaged', detail));
  }
}

/** Written by a newer release of the extension; reading it here could lose fields. */
export class VaultVersionError extends VaultError {
  override readonly name = 'VaultVersionError';
  constructor(found: number, supported: number) {
    super(t('vaultTooNew', found, supported));
  }
}

export class VaultLockedError extends VaultError {
  override readonly name = 'VaultLockedError';
  constructor() {
    super(t('vaultLocked'));
  }
}

/** Another window saved the vault since this one read it; writing now would drop its change. */
export class VaultConflictError extends VaultError {
  override readonly name = 'VaultConflictError';
  constructor() {
    super(t('vaultConflict'));
  }
}

export class VaultExistsError extends VaultError {
  override readonly name = 'VaultExistsError';
  constructor() {
    super(t('vaultExists'));
  }
}

export class VaultMissingError extends VaultError {
  override readonly name = 'VaultMissingError';
  constructor() {
    super(t('vaultMissing'));
  }
}
