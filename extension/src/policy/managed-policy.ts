import { MAX_IDLE_MINUTES, MIN_IDLE_MINUTES, type Settings } from '../settings/settings.ts';

/*
 * What an organisation that rolls the extension out may enforce, read from `storage.managed`
 * (Chrome: policy with extension/managed-schema.json; Firefox: a managed storage manifest or
 * enterprise policy). The user cannot change these values; the pages say so where they apply.
 */
export interface ManagedPolicy {
  /** A vault must have a password: "use without a password" is not offered. */
  requirePassword: boolean;
  /** The longest auto-lock time the user may choose, in minutes; `null` when not set. */
  maxAutoLockMinutes: number | null;
  /** No backup file, plain-text file or QR export leaves the extension. */
  disableExport: boolean;
  /** The HTTPS address "Check time" asks, fixed for the user; `null` when not set. */
  timeSourceUrl: string | null;
}

export const NO_POLICY: ManagedPolicy = {
  requirePassword: false,
  maxAutoLockMinutes: null,
  disableExport: false,
  timeSourceUrl: null,
};

const KNOWN = ['requirePassword', 'maxAutoLockMinutes', 'disableExport', 'timeSourceUrl'];

function httpsAddress(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Reads whatever the managed area holds. A value of the wrong type is ignored and reported, so a
 * mistyped policy never locks the user out or silently weakens another setting.
 */
export function readManagedPolicy(raw: unknown): { policy: ManagedPolicy; problems: string[] } {
  const problems: string[] = [];
  const policy = { ...NO_POLICY };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { policy, problems };
  const values = raw as Record<string, unknown>;
  for (const key of Object.keys(values)) {
    if (!KNOWN.includes(key)) problems.push(`Unknown policy "${key}" ignored.`);
  }
  for (const key of ['requirePassword', 'disableExport'] as const) {
    const value = values[key];
    if (value === undefined) continue;
    if (typeof value === 'boolean') policy[key] = value;
    else problems.push(`Policy "${key}" must be true or false; ignored.`);
  }
  const minutes = values.maxAutoLockMinutes;
  if (minutes !== undefined) {
    if (
      typeof minutes === 'number' &&
      Number.isInteger(minutes) &&
      minutes >= MIN_IDLE_MINUTES &&
      minutes <= MAX_IDLE_MINUTES
    ) {
      policy.maxAutoLockMinutes = minutes;
    } else {
      problems.push(
        `Policy "maxAutoLockMinutes" must be a whole number from ${MIN_IDLE_MINUTES} to ${MAX_IDLE_MINUTES}; ignored.`,
      );
    }
  }
  const source = values.timeSourceUrl;
  if (source !== undefined) {
    const address = typeof source === 'string' ? httpsAddress(source) : null;
    if (address) policy.timeSourceUrl = address;
    else problems.push('Policy "timeSourceUrl" must be an https:// address; ignored.');
  }
  return { policy, problems };
}

/** The settings as they apply under the policy: the auto-lock capped, the time source fixed. */
export function applyPolicy(settings: Settings, policy: ManagedPolicy): Settings {
  return {
    ...settings,
    idleMinutes:
      policy.maxAutoLockMinutes === null
        ? settings.idleMinutes
        : Math.min(settings.idleMinutes, policy.maxAutoLockMinutes),
    verifierUrl: policy.timeSourceUrl ?? settings.verifierUrl,
  };
}
