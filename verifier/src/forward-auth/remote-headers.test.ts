import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerValue, remoteHeaders } from './remote-headers.ts';

const user = {
  username: 'agent',
  displayName: 'Ada Agent',
  email: 'agent@example.test',
  group: { name: 'Agent' },
};

describe('Remote-* headers', () => {
  it('names the user, their display name, address and group', () => {
    expect(remoteHeaders(user)).toEqual({
      'remote-user': 'agent',
      'remote-name': 'Ada Agent',
      'remote-email': 'agent@example.test',
      'remote-groups': 'Agent',
    });
  });

  it('never lets a display name with CR/LF or other control characters split or end a header', () => {
    expect(headerValue('Eve\r\nSet-Cookie: sid=x')).toBe('Eve  Set-Cookie: sid=x');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (name) => {
        const value = headerValue(name);
        // What Node's http module accepts in a header value: tab, visible ASCII and bytes 0x80-0xff.
        expect(value).toMatch(/^[\t\x20-\x7e\x80-\xff]*$/);
        expect(value).not.toMatch(/[\r\n\0]/);
      }),
    );
  });

  it('sends names outside ASCII as their UTF-8 bytes, as the applications read them', () => {
    const value = headerValue('Zoë 李');
    expect(Buffer.from(value, 'latin1').toString('utf8')).toBe('Zoë 李');
  });
});
