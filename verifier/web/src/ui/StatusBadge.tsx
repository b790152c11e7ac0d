import type { TwoFactorStatus } from '../api/types.ts';

/** Pending / Activated / Disabled as a coloured word (the word itself carries the meaning). */
export function StatusBadge({ status }: { status: TwoFactorStatus }) {
  return <span class={`badge badge-${status.toLowerCase()}`}>{status}</span>;
}
