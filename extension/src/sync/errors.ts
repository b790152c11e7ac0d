/** What storage.sync holds cannot be read as this extension's synced vault; nothing is changed. */
export class SyncFormatError extends Error {
  override readonly name = 'SyncFormatError';
  constructor(detail: string) {
    super(`The synced accounts are damaged: ${detail}`);
  }
}
