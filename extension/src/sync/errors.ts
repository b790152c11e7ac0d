import { t } from '../i18n/t.ts';

/** What storage.sync holds cannot be read as this extension's synced vault; nothing is changed. */
export class SyncFormatError extends Error {
  override readonly name = 'SyncFormatError';
  constructor(detail: string) {
    super(t('syncDamaged', detail));
  }
}
