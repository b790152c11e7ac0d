import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeValidation } from './error-handler.ts';

describe('validation messages', () => {
  it('names a missing field, a nested one, an unknown one and a wrong value', () => {
    expect(
      describeValidation('body', [
        { keyword: 'required', instancePath: '', params: { missingProperty: 'code' } },
      ]),
    ).toBe("Field 'code' is required.");
    expect(
      describeValidation('body', [
        { keyword: 'required', instancePath: '/user', params: { missingProperty: 'name' } },
      ]),
    ).toBe("Field 'user.name' is required.");
    expect(
      describeValidation('body', [
        { keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'x' } },
      ]),
    ).toBe("Field 'x' is not allowed.");
    expect(
      describeValidation('body', [
        { keyword: 'maximum', instancePath: '/verificationWindow', message: 'must be <= 10' },
      ]),
    ).toBe("Field 'verificationWindow' must be <= 10.");
    expect(describeValidation('body', [])).toBe('The request is not valid.');
  });

  it('always answers one sentence, whatever the validator reports', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            keyword: fc.string(),
            instancePath: fc.string(),
            message: fc.option(fc.string(), { nil: undefined }),
            params: fc.dictionary(fc.string(), fc.string()),
          }),
        ),
        (issues) => {
          const message = describeValidation('body', issues);
          expect(message.endsWith('.')).toBe(true);
        },
      ),
    );
  });
});
