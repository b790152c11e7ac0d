import { type TSchema, Type } from '@sinclair/typebox';

export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});

/**
 * 100,000 pages keep every offset far inside what both databases take (a page number past 2^63 was a
 * 500); with 100 a page that is 10 million rows, and the filters reach anything older.
 */
export const MAX_PAGE = 100_000;

export const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
};

/** Text typed into a list filter. No control characters: none is ever stored, and PostgreSQL refuses NUL. */
export const FilterText = (maxLength: number) =>
  Type.String({ maxLength, pattern: '^[^\\u0000-\\u001f\\u007f]*$' });

/** A row id: the id columns are 32-bit on PostgreSQL, which refuses a larger number with an error. */
export const RowId = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const IdParams = Type.Object({ id: RowId });

export const Code = Type.String({ maxLength: 32, description: 'The digits shown by the authenticator.' });
export const Method = Type.Union([Type.Literal('totp'), Type.Literal('email')]);
export const Status = Type.Union([
  Type.Literal('Pending'),
  Type.Literal('Activated'),
  Type.Literal('Disabled'),
]);
/** Which policy rule decided the status (see policy/two-factor-reason.ts). */
export const Reason = Type.Union([
  Type.Literal('sso'),
  Type.Literal('grace-period-ended'),
  Type.Literal('system-off'),
  Type.Literal('group-off'),
  Type.Literal('user-off'),
  Type.Literal('user-on'),
]);
export const Step = Type.Union([
  Type.Literal('signed-in'),
  Type.Literal('code'),
  Type.Literal('setup'),
  Type.Literal('change-password'),
]);

export const Group = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  isDefault: Type.Boolean(),
  twoFactorEnabled: Type.Boolean(),
});

export const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  group: Group,
  source: Type.Union([Type.Literal('local'), Type.Literal('sso')]),
  isAdmin: Type.Boolean(),
  twoFactorEnabled: Type.Boolean(),
  twoFactorAvailable: Type.Boolean(),
  twoFactorStatus: Status,
  twoFactorReason: Reason,
  method: Method,
  locked: Type.Boolean(),
  hasPassword: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  pendingSince: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export function paged<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

/** Standard error answers for the OpenAPI document. */
export function errors(...statuses: number[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody]));
}
