import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { existing, groups, HEADER } from '../../test-support/users-csv-fixtures.ts';
import { type ExistingUser, exportUsersCsv, parseUsersCsv, planImport, planImportFromCsv } from './index.ts';

describe('import properties', () => {
  it('answers any text or bytes with a plan or with row errors, never a crash', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc
        .array(
          fc.constantFrom(
            'ana',
            'bo',
            'x@y.org',
            'Agent',
            'local',
            'y',
            'n',
            ',',
            '"',
            '\r\n',
            '\n',
            ' ',
            '\uFEFF',
            "'=",
          ),
          { maxLength: 60 },
        )
        .map((parts) => `${HEADER}\n${parts.join('')}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(text, fc.uint8Array()), async (input) => {
        const result = await planImportFromCsv(input, existing, groups);
        if (!result.ok) {
          if (!('errors' in result)) throw new Error(`refused for its size: ${result.exceeded.message}`);
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) {
            expect(error.row).toBeGreaterThanOrEqual(1);
            expect(error.reason).toMatch(/\S/);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('imports an export of any valid users as unchanged', async () => {
    const clean = (value: string) => value === value.trim() && !/\p{Cc}/u.test(value);
    const user = fc.record({
      username: fc.stringMatching(/^[A-Za-z0-9._@-]{1,20}$/).map((name) => name.toLowerCase()),
      email: fc.oneof(fc.emailAddress(), fc.constant(''), fc.constant('legacy@localhost')),
      displayName: fc.string({ unit: 'grapheme', maxLength: 20 }).filter(clean),
      group: fc.constantFrom(...groups),
      source: fc.constantFrom('local' as const, 'sso' as const),
      twoFactorEnabled: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(user, { selector: (u) => u.username.toLowerCase(), maxLength: 20 }),
        async (users) => {
          const stored: ExistingUser[] = users.map((u, index) => ({
            id: index,
            username: u.username,
            email: u.email,
            displayName: u.displayName,
            groupId: u.group.id,
            source: u.source,
            twoFactorEnabled: u.twoFactorEnabled && u.group.twoFactorEnabled,
          }));
          const csv = exportUsersCsv(
            stored.map((u, index) => ({ ...u, group: users[index]?.group.name ?? '' })),
          );
          const parsed = await parseUsersCsv(csv);
          if (!parsed.ok) throw new Error(JSON.stringify(parsed));
          const result = planImport(parsed.rows, stored, groups);
          if (!result.ok) throw new Error(JSON.stringify(result.errors));
          expect(result.plan.creates).toEqual([]);
          expect(result.plan.updates).toEqual([]);
          expect(result.plan.unchanged.map((u) => u.id)).toEqual(stored.map((u) => u.id));
        },
      ),
      { numRuns: 200 },
    );
  });
});
