import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isOidcInteraction,
  leaveForReturnTarget,
  rememberReturnTarget,
  type TargetStore,
} from './return-target.ts';

function memoryStore(): TargetStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('the return target after sign-in', () => {
  it('goes to the address the verifier allows, once, after the last sign-in step', async () => {
    const store = memoryStore();
    rememberReturnTarget(store, 'https://APP.example.test/reports?id=7');
    const asked: string[] = [];
    const went: string[] = [];
    // The page goes where the server's answer says, as the server normalised it.
    const check = async (rd: string) => {
      asked.push(rd);
      return { target: rd.replace('APP', 'app') };
    };
    expect(await leaveForReturnTarget(store, check, (url) => went.push(url))).toBe(true);
    expect(asked).toEqual(['https://APP.example.test/reports?id=7']);
    expect(went).toEqual(['https://app.example.test/reports?id=7']);
    // Kept only for one sign-in.
    expect(await leaveForReturnTarget(store, check, (url) => went.push(url))).toBe(false);
    expect(went).toHaveLength(1);
  });

  it('stays on the verifier when the server refuses the address, and never goes without asking it', async () => {
    const store = memoryStore();
    rememberReturnTarget(store, 'https://evil.test/');
    const went: string[] = [];
    const refuse = async () => {
      throw new Error('This return address is not one of the protected applications.');
    };
    expect(await leaveForReturnTarget(store, refuse, (url) => went.push(url))).toBe(false);
    expect(went).toEqual([]);
    expect(store.items.size).toBe(0);
  });

  it('ignores a sign-in address without rd and keeps an earlier one', () => {
    const store = memoryStore();
    rememberReturnTarget(store, 'https://app.example.test/');
    rememberReturnTarget(store, null);
    expect([...store.items.values()]).toEqual(['https://app.example.test/']);
  });

  it("goes back to the verifier's own OpenID Connect sign-in request without asking about domains", async () => {
    const store = memoryStore();
    rememberReturnTarget(store, '/oidc/interaction/AbC_d-9');
    const went: string[] = [];
    const check = async (): Promise<{ target: string }> => {
      throw new Error('not a protected domain');
    };
    expect(await leaveForReturnTarget(store, check, (url) => went.push(url))).toBe(true);
    expect(went).toEqual(['/oidc/interaction/AbC_d-9']);
  });

  it('takes only a bare interaction path on this origin for one', () => {
    for (const rd of [
      '//evil.test/oidc/interaction/x',
      'https://evil.test/oidc/interaction/x',
      '/oidc/interaction/x/../../admin',
      '/oidc/interaction/x?next=https://evil.test',
      '/oidc/interaction/',
    ]) {
      expect(isOidcInteraction(rd)).toBe(false);
    }
    fc.assert(
      fc.property(fc.string(), (rd) => {
        // Whatever it accepts stays a path on this origin under the interaction route.
        if (isOidcInteraction(rd)) expect(new URL(rd, 'https://v.test').href).toBe(`https://v.test${rd}`);
      }),
    );
  });
});
