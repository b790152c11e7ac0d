import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';

/**
 * The messages of one kind in the verifier's outbox, oldest first, told apart by their subject:
 * security notices (2FA set up, password changed, a remembered device) land there too, so counting
 * every file would count them.
 */
export async function outboxMessages(outbox: string, subject: RegExp): Promise<ParsedMail[]> {
  const files = (await readdir(outbox).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.eml'))
    .sort();
  const messages = await Promise.all(
    files.map(async (name) => simpleParser(await readFile(join(outbox, name)))),
  );
  return messages.filter((message) => subject.test(message.subject ?? ''));
}
