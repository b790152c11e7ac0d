import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportUsersCsv, parseUsersCsv, planImport } from '../users-csv/index.ts';
import { checkDisplayName, checkEmail, checkUsername } from './identity-rules.ts';

const groups = [{ id: 2, name: 'Agent', twoFactorEnabled: true }];

/** Text with the characters that break files, spreadsheets and terminals mixed into ordinary text. */
const tricky = (ordinary: fc.Arbitrary<string>) =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: ordinary },
        fc.string({ unit: 'binary', maxLength: 3 }),
        fc.constantFrom(
          ' ',
          ',',
          '"',
          "'",
          '=',
          '+',
          '-',
          '@',
          '\t',
          '\r',
          '\n',
          '\u0085',
          '\u00a0',
          '\u2028',
        ),
        fc.constantFrom('\ud800', '\udfff', '😀', '\u202e', '\u200d', '\ufeff', '\uff1d'),
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join(''));

describe('identity rules', () => {
  it('accept nothing that an export and an import into another installation would change or refuse', async () => {
    const person = fc.record({
      username: tricky(fc.stringMatching(/^[A-Za-z0-9._@-]{1,10}$/)),
      email: fc.oneof(fc.emailAddress(), fc.constant(''), tricky(fc.emailAddress())),
      displayName: fc.oneof(
        tricky(fc.string({ unit: 'grapheme', maxLength: 10 })),
        fc.constant('😀'.repeat(100)),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(person, { maxLength: 8 }), async (people) => {
        const accepted = people.flatMap((p, index) => {
          const [username, email, displayName] = [
            checkUsername(p.username),
            checkEmail(p.email),
            checkDisplayName(p.displayName),
          ];
          if (!username.ok || !email.ok || !displayName.ok) return [];
          // Usernames are stored lower-case; the index keeps them apart.
          return [
            {
              username: `${index}${username.value.toLowerCase()}`,
              email: email.value,
              displayName: displayName.value,
            },
          ];
        });
        const stored = accepted.map((user) => ({
          ...user,
          group: 'Agent',
          source: 'local' as const,
          twoFactorEnabled: false,
        }));
        const parsed = await parseUsersCsv(exportUsersCsv(stored));
        if (!parsed.ok) throw new Error(JSON.stringify(parsed));
        const planned = planImport(parsed.rows, [], groups);
        if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
        expect(
          planned.plan.creates.map((c) => ({
            username: c.username,
            email: c.fields.email,
            displayName: c.fields.displayName,
          })),
        ).toEqual(accepted);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['a name with spaces at its ends', '  Ana Lima  ', { ok: true, value: 'Ana Lima' }],
    ['100 emoji, one character each', '😀'.repeat(100), { ok: true, value: '😀'.repeat(100) }],
    [
      '101 characters',
      'x'.repeat(101),
      { ok: false, reason: 'The display name is longer than 100 characters.' },
    ],
    [
      'a C1 control (NEL)',
      'Ana\u0085',
      { ok: false, reason: 'The display name contains line breaks or invisible characters.' },
    ],
    [
      'a line break',
      'Ana\n=1+1',
      { ok: false, reason: 'The display name contains line breaks or invisible characters.' },
    ],
    ['a lone surrogate', 'Ana\ud800', { ok: false, reason: 'The display name contains a broken character.' }],
  ])('checks the display name %s', (_name, text, expected) => {
    expect(checkDisplayName(text)).toEqual(expected);
  });

  it('trims usernames and addresses and keeps their case, which storage lowers for usernames only', () => {
    expect(checkUsername(' Ana.Lima ')).toEqual({ ok: true, value: 'Ana.Lima' });
    expect(checkUsername('ana lima').ok).toBe(false);
    expect(checkEmail(' Ana@Example.org ')).toEqual({ ok: true, value: 'Ana@Example.org' });
    expect(checkEmail('ana@localhost').ok).toBe(false);
  });
});
