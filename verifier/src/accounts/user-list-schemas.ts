import { Type } from '@sinclair/typebox';
import { FilterText, RowId, Status } from '../http/schemas.ts';
import { SORT_KEYS } from './user-list-keys.ts';

const Source = Type.Union([Type.Literal('local'), Type.Literal('sso')]);

/** The filter as a query string carries it (the Users page keeps the same names in its address). */
export const UserFilterQuery = {
  query: Type.Optional(FilterText(100)),
  status: Type.Optional(Status),
  groupId: Type.Optional(RowId),
  source: Type.Optional(Source),
  noPassword: Type.Optional(Type.Boolean({ description: 'Only users who have not chosen a password yet.' })),
  pendingDays: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 3650, description: 'Only users Pending for longer than this.' }),
  ),
};

export const UserSortQuery = {
  sort: Type.Optional(Type.Union(SORT_KEYS.map((key) => Type.Literal(key)))),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
};

/** The same filter in a JSON body (a bulk action on every user that matches). */
export const UserFilterBody = Type.Object(UserFilterQuery, { additionalProperties: false });
