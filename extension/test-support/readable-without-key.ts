// What someone without the key can read in sealed data (a sync area, a backup file): the keys and
// plain values, and the bytes behind each base64 value. Searching the base64 text itself would
// find a short name such as "ben" by chance in about one run in a few hundred; the decoded bytes
// hold it only if the ciphertext really does.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function readableWithoutKey(value: unknown): string {
  const parts: string[] = [];
  const walk = (inner: unknown): void => {
    if (typeof inner === 'string')
      parts.push(BASE64.test(inner) ? Buffer.from(inner, 'base64').toString('latin1') : inner);
    else if (Array.isArray(inner)) inner.forEach(walk);
    else if (inner && typeof inner === 'object')
      for (const [key, field] of Object.entries(inner)) {
        parts.push(key);
        walk(field);
      }
    else parts.push(String(inner));
  };
  walk(value);
  return parts.join('\n');
}
