// Which of some secrets or names someone without the key can read in sealed data (a sync area, a
// backup file): in its keys and plain values, or in the bytes behind a base64 value. In the text,
// a needle counts only where no base64 character touches it: a short name such as "ben" is spelled
// by chance inside about one ciphertext's base64 in a few hundred, while a plain leak stands apart
// (a whole value, or between quotes, ":", "?", "&"...). A secret stored as a whole plain value is
// found too, though its base32 text is also valid base64.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64_CHAR = '[A-Za-z0-9+/]';

function textsOf(value: unknown, texts: string[] = []): string[] {
  if (typeof value === 'string') texts.push(value);
  else if (Array.isArray(value)) for (const item of value) textsOf(item, texts);
  else if (value && typeof value === 'object')
    for (const [key, field] of Object.entries(value)) textsOf(field, texts).push(key);
  else texts.push(String(value));
  return texts;
}

function standsApart(needle: string): RegExp {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(?<!${BASE64_CHAR})${escaped}(?!${BASE64_CHAR})`);
}

export function readableWithoutKey(value: unknown, needles: readonly string[]): string[] {
  const texts = textsOf(value);
  const bytes = texts
    .filter((text) => BASE64.test(text))
    .map((text) => Buffer.from(text, 'base64').toString('latin1'));
  return needles.filter(
    (needle) => texts.some((text) => standsApart(needle).test(text)) || bytes.some((b) => b.includes(needle)),
  );
}
