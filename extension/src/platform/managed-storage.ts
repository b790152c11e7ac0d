import { type ManagedPolicy, NO_POLICY, readManagedPolicy } from '../policy/managed-policy.ts';
import { browser } from './browser.ts';

/**
 * The organisation's policy from `storage.managed`. Firefox throws when no managed storage
 * manifest exists and Chrome answers `{}` without a policy: both mean no policy.
 */
export async function loadManagedPolicy(): Promise<ManagedPolicy> {
  let raw: unknown;
  try {
    raw = await browser.storage.managed.get();
  } catch {
    return NO_POLICY;
  }
  const { policy, problems } = readManagedPolicy(raw);
  for (const problem of problems) console.warn(`Managed policy: ${problem}`);
  return policy;
}
