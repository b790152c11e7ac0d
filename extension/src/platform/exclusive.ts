/**
 * One vault change at a time across the popup, the transfer tab and the background: they share the
 * extension's origin and so its Web Locks. A page without the API (none of the supported browsers)
 * runs the task as it comes, and the vault's re-read before each write still narrows any race.
 */
export function exclusiveVaultChange<T>(task: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  return locks ? locks.request('vault', () => task()) : task();
}
