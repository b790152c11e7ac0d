import { type ChangeListener, type CopySemantics, MemoryArea } from './memory-area.ts';
import { MemorySyncArea } from './memory-sync-area.ts';

/**
 * The part of the extension API the pages use, in memory: `storage.local` and `storage.session`
 * with the browser's copy semantics, one `storage.onChanged` for both areas, and alarms that are
 * only recorded, tab events the popup listens to, optional origin permissions that are granted on request
 * and recorded as they are asked for and given back, and no open tabs. Tests mock
 * `src/platform/browser.ts` with it to drive the real pages.
 */
export function fakeBrowser(semantics: CopySemantics = 'chrome') {
  const local = new MemoryArea('local', semantics);
  const session = new MemoryArea('session', semantics);
  // storage.sync with nothing synced: the pages only ask whether a synced vault is waiting.
  const sync = new MemorySyncArea();
  const alarms = new Map<string, { delayInMinutes?: number; when?: number }>();
  const origins = new Set<string>();
  const permissionLog: string[] = [];
  return {
    storage: {
      local,
      session,
      sync: { get: (_all: null) => sync.getAll(), set: sync.set.bind(sync), remove: sync.remove.bind(sync) },
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
    permissions: {
      granted: origins,
      /** "request ORIGIN" and "remove ORIGIN", in the order the page did them. */
      log: permissionLog,
      async contains({ origins: asked = [] }: { origins?: string[] }) {
        return asked.every((origin) => origins.has(origin));
      },
      async request({ origins: asked = [] }: { origins?: string[] }) {
        for (const origin of asked) {
          permissionLog.push(`request ${origin}`);
          origins.add(origin);
        }
        return true;
      },
      async remove({ origins: given = [] }: { origins?: string[] }) {
        for (const origin of given) {
          permissionLog.push(`remove ${origin}`);
          origins.delete(origin);
        }
        return true;
      },
    },
    runtime: { sendMessage: async (_message: unknown) => undefined },
    // No web page is open: the popup shows no Fill buttons (browser tests cover filling).
    tabs: {
      getCurrent: async () => undefined,
      query: async (_query: unknown) => [] as { id?: number; url?: string; active?: boolean }[],
      get: async (tabId: number) => {
        throw new Error(`no tab ${tabId}`);
      },
      onActivated: tabEvent(),
      onUpdated: tabEvent(),
    },
  };
}

/** A tab event the popup listens to; `emit` plays the browser's part. */
function tabEvent() {
  const listeners = new Set<(...args: never[]) => void>();
  return {
    listeners,
    addListener: (listener: (...args: never[]) => void) => listeners.add(listener),
    removeListener: (listener: (...args: never[]) => void) => listeners.delete(listener),
  };
}

export type FakeBrowser = ReturnType<typeof fakeBrowser>;
