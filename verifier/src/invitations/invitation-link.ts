// Pure (no Node modules): the invitation page reads the link with the same rules.

/** 32 random bytes: 256 bits, twice the 128 bits NIST SP 800-63B asks of a recovery secret. */
export const INVITATION_TOKEN_BYTES = 32;
/** The base64url text of those bytes: 43 characters, no padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** The page that opens an invitation. */
export const INVITATION_PATH = '/invitation';

/**
 * The link in the e-mail. The token is in the fragment, which browsers never send to the server, so
 * it cannot reach request logs, proxies' access logs or a Referer header; the page posts it instead.
 */
export function invitationLink(publicUrl: string, token: string): string {
  return `${publicUrl}${INVITATION_PATH}#${token}`;
}

/**
 * The token in a link's fragment (`#TOKEN`, or the bare token), or null when the text is not one:
 * a link cut short by a mail program, or typed by hand, is told apart from a used or expired one.
 */
export function parseInvitationToken(text: string): string | null {
  const token = text.trim().replace(/^#/, '');
  return TOKEN_SHAPE.test(token) ? token : null;
}

export const INVITATION_TOKEN_PATTERN = TOKEN_SHAPE.source;
