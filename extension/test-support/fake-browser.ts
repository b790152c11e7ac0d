import { type ChangeListener, type CopySemantics, MemoryArea } from './memory-area.ts';

/**
 * The part of the extension API the pages use, in memory: `storage.local` and `storage.session`
 * with the browser's copy semantics, one `storage.onChanged` for both areas, and alarms that are
 * only recorded. Tests mock `src/platform/browser.ts` with it to drive the real pages.
 */
export function fakeBrowser(semantics: CopySemantics = 'chrome') {
  const local = new MemoryArea('local', semantics);
  const session = new MemoryArea('session', semantics);
  const alarms = new Map<string, { delayInMinutes?: number; when?: number }>();
  return {
    storage: {
      local,
      session,
      onChanged: {
        addListener(listener: ChangeListener) {
          local.onChanged.addListener(listener);
          session.onChanged.addListener(listener);
        },
        removeListener(listener: ChangeListener) {
          local.onChanged.removeListener(listener);
          session.onChanged.removeListener(listener);
        },
      },
    },
    alarms: {
      scheduled: alarms,
      async create(name: string, info: { delayInMinutes?: number; when?: number }) {
        alarms.set(name, info);
      },
      async clear(name: string) {
        return alarms.delete(name);
      },
    },
    runtime: { sendMessage: async (_message: unknown) => undefined },
  };
}

export type FakeBrowser = ReturnType<typeof fakeBrowser>;
