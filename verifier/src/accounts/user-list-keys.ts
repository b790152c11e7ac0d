import type { TwoFactorStatus } from '../policy/two-factor-status.ts';

// What the Users list can be sorted and filtered by: the API's schema, its SQL and the page's
// controls all read these lists, so a column the page offers is one the server sorts by.

/** Columns the Users list sorts by, as the API names them. */
export const SORT_KEYS = [
  'name',
  'username',
  'email',
  'group',
  'source',
  'status',
  'pendingSince',
  'createdAt',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

/** The statuses the list filters by, in the order they are shown. */
export const STATUSES: readonly TwoFactorStatus[] = ['Pending', 'Activated', 'Disabled'];
