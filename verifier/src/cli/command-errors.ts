/** The arguments do not make a command; the message is printed with the usage. */
export class UsageError extends Error {}

/** A command that ran but could not do its work; the message says why. */
export class CommandFailed extends Error {}
