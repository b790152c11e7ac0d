/**
 * An expected refusal with a stable snake_case code and a sentence a person can act on.
 * `extra` fields are merged into the error object (e.g. retryAfterSeconds).
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notSignedIn = () => new ApiError(401, 'not_signed_in', 'Sign in first.');
export const forbidden = () => new ApiError(403, 'forbidden', 'You do not have access to this page.');
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found.`);
