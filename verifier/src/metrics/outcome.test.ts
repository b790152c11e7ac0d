import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outcomeOf } from './outcome.ts';

describe('answer outcome labels', () => {
  it.each([
    [200, '{"ok":true}', 'accepted'],
    [200, '{"ok":false,"reason":"invalid_code"}', 'invalid_code'],
    [200, '{"ok":false,"reason":"throttled"}', 'throttled'],
    [200, '{"step":"code","csrfToken":"abc"}', 'accepted'],
    [429, '{"error":{"code":"too_many_attempts","retryAfterSeconds":4}}', 'too_many_attempts'],
    [503, '{"error":{"code":"database_unavailable","message":"Try again."}}', 'database_unavailable'],
    [400, '{"error":{"code":"Dana Smith","message":"x"}}', 'other'],
    [400, 'not json', 'other'],
    [200, undefined, 'accepted'],
    [500, `{"error":{"code":"internal_error","message":"${'x'.repeat(3000)}"}}`, 'other'],
  ])('labels a %i answer %s as %s', (status, payload, label) => {
    expect(outcomeOf(status, payload)).toBe(label);
  });

  it('gives only snake_case labels, whatever the body holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.oneof(fc.json(), fc.string()), (status, body) => {
        expect(outcomeOf(status, body)).toMatch(/^[a-z][a-z0-9_]*$/);
      }),
    );
  });
});
