import { describe, expect, it } from 'vitest';
import { readableWithoutKey } from './readable-without-key.ts';

// The sync and backup tests check with this reading that no secret or name leaves the device
// readable; it must find what is really there and nothing that is not.
describe('readableWithoutKey', () => {
  it('finds a name kept in plain text or only base64-encoded, as unsealed data would leave it', () => {
    const encoded = Buffer.from('{"account":"ben"}').toString('base64');
    expect(readableWithoutKey({ 'sync-chunk-1-0': encoded })).toContain('ben');
    expect(readableWithoutKey({ 'sync-manifest': { label: 'ben' } })).toContain('ben');
    expect(readableWithoutKey({ accounts: [{ name: 'ben' }] })).toContain('ben');
    expect(readableWithoutKey({ 'sync-manifest': { chunks: 1 } })).toContain('sync-manifest');
  });

  it('does not find a short name that the base64 text of sealed bytes spells by chance', () => {
    const sealed =
      'V6UEFeCfp/HKsSYCCbYcJh0qIxKc4JOGzz0FnTms9R+veoeZw/AKwUgDB72AMDbenoz3IoqC1IZMsD30DqgHiu+qs5DO';
    expect(sealed).toContain('ben');
    expect(readableWithoutKey({ 'sync-chunk-1-0': sealed })).not.toContain('ben');
  });
});
