import { describe, expect, it } from 'vitest';
import { readableWithoutKey } from './readable-without-key.ts';

// The sync and backup tests check with this reading that no secret or name leaves the device
// readable; it must find what is really there and nothing that is not.
describe('readableWithoutKey', () => {
  const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it('finds a name or secret kept in plain text or only base64-encoded, as unsealed data would leave it', () => {
    const encoded = Buffer.from('{"account":"ben"}').toString('base64');
    expect(readableWithoutKey({ 'sync-chunk-1-0': encoded }, ['ben'])).toEqual(['ben']);
    expect(readableWithoutKey({ 'sync-manifest': { label: 'ben' } }, ['ben'])).toEqual(['ben']);
    expect(readableWithoutKey({ accounts: [{ name: 'ana@example.com' }] }, ['ana@example.com'])).toEqual([
      'ana@example.com',
    ]);
    expect(
      readableWithoutKey({ uri: `otpauth://totp/Bank:ben?secret=${SECRET}&issuer=Bank` }, ['ben', SECRET]),
    ).toEqual(['ben', SECRET]);
    expect(readableWithoutKey({ secret: SECRET }, [SECRET])).toEqual([SECRET]);
    expect(readableWithoutKey({ ben: 1 }, ['ben'])).toEqual(['ben']);
  });

  it('does not find a short name that the base64 text of sealed bytes spells by chance', () => {
    const sealed =
      'V6UEFeCfp/HKsSYCCbYcJh0qIxKc4JOGzz0FnTms9R+veoeZw/AKwUgDB72AMDbenoz3IoqC1IZMsD30DqgHiu+qs5DO';
    expect(sealed).toContain('ben');
    expect(readableWithoutKey({ 'sync-chunk-1-0': sealed }, ['ben', SECRET])).toEqual([]);
  });
});
