/**
 * A refusal by the verifier's own rules (users, groups, settings, e-mailed codes), with a stable
 * snake_case code and a sentence a person can act on. The rules know nothing of HTTP: the HTTP error
 * handler turns the kind into a status, the command line prints the sentence.
 */
export type RefusalKind = 'invalid' | 'not_found' | 'conflict' | 'unavailable' | 'throttled';

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new DomainError('not_found', 'not_found', `${what} was not found.`);
