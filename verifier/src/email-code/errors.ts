/** Thrown when the e-mail code rules are called with a broken argument (a programming or configuration error). */
export class EmailCodeArgumentError extends Error {
  override readonly name = 'EmailCodeArgumentError';
}
