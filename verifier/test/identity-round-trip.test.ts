import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signInAdmin, type TestApp } from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

/** Text an admin could type or paste: mostly ordinary, with the characters that break files and terminals. */
const typed = (ordinary: fc.Arbitrary<string>) =>
  fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: ordinary },
        fc.constantFrom(' ', ',', '"', "'", '=', '-', '@', '.', '\t', '\r\n', '\u0085', '\u00a0', '\u202e'),
        fc.constantFrom('\ud800', '😀', 'ë', 'Ø', '\u200d', '\ufeff'),
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join(''));

const plainUsername = fc.stringMatching(/^[A-Za-z0-9._@-]{1,12}$/);
const username = fc.oneof({ weight: 3, arbitrary: plainUsername }, typed(plainUsername));
const email = fc.oneof(
  { weight: 3, arbitrary: fc.emailAddress() },
  fc.constant(''),
  fc.constantFrom('a@b', 'a@localhost', 'ä@example.org', ' pad@example.org ', 'x@example.123'),
  typed(fc.emailAddress()),
);
const displayName = fc.oneof(
  typed(fc.string({ unit: 'grapheme', maxLength: 12 })),
  fc.constant('😀'.repeat(100)),
);

describe.each(databaseKinds())('user identities on %s', (kind) => {
  let source: TestApp;
  let target: TestApp;
  let admin: Client;
  let other: Client;
  beforeAll(async () => {
    source = await createTestApp(kind);
    target = await createTestApp(kind);
    admin = await signInAdmin(source);
    other = await signInAdmin(target);
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('imports every user the admin API accepts, unchanged, from its export into another installation', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(username, email, displayName, async (name, address, shown) => {
        run++;
        const body = {
          username: `u${run}${name}`,
          email: address,
          displayName: shown,
          groupId: 2,
          source: 'local',
        };
        const created = await admin.post('/api/admin/users', body);
        if (created.statusCode !== 201) {
          expect(created.statusCode).toBe(400);
          expect(created.json().error.code).toBe('invalid_request');
          return;
        }
        const user = created.json();
        const csv = (await admin.get('/api/admin/users/export')).body;
        const answer = await other.post('/api/admin/users/import', { csv, dryRun: true });
        expect(answer.statusCode, answer.body).toBe(200);
        const copy = answer.json().creates.find((c: { username: string }) => c.username === user.username);
        expect(copy).toMatchObject({ email: user.email, displayName: user.displayName, group: 'Agent' });
      }),
      { numRuns: 60 },
    );
  });
});
