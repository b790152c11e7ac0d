/**
 * The headers a protected application reads to know who is signed in (the names Authelia and
 * authentik use, so applications' "auth proxy" settings work unchanged). Pure.
 */
export interface RemoteIdentity {
  username: string;
  displayName: string;
  email: string;
  group: { name: string };
}

// C0 controls, DEL and C1 controls: a CR/LF would end the header and start one of the caller's.
const CONTROL = /\p{Cc}/gu;

/**
 * A header value for any text: control characters become spaces, and the text goes out as its
 * UTF-8 bytes (Node writes header strings byte per character, so each byte is one character here).
 */
export function headerValue(text: string): string {
  return Buffer.from(text.replace(CONTROL, ' '), 'utf8').toString('latin1');
}

export function remoteHeaders(user: RemoteIdentity): Record<string, string> {
  return {
    'remote-user': headerValue(user.username),
    'remote-name': headerValue(user.displayName),
    'remote-email': headerValue(user.email),
    'remote-groups': headerValue(user.group.name),
  };
}
