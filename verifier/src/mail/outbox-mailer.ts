import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { ensurePrivateFolder } from '../files/private-files.ts';
import {
  type DeliveryReceipt,
  failureDetail,
  MailDeliveryError,
  type Mailer,
  type MailMessage,
} from './mailer.ts';

export const DEFAULT_OUTBOX_DIRECTORY = path.join('data', 'outbox');

export interface OutboxMailerOptions {
  /** Folder for the .eml files; created 0700 when missing, narrowed to 0700 if wider. Default `data/outbox`. */
  readonly directory?: string;
  readonly from: string;
  /** Names files by time; injected in tests. */
  readonly now?: () => Date;
}

function fileStem(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '-');
  return `${stamp}-${randomBytes(6).toString('hex')}`;
}

/**
 * Writes each message as a complete RFC 5322 .eml file (built by nodemailer) instead of sending it, so the
 * product works without a mail server. Files hold sign-in codes, so only the owner may read them; each is
 * written under a temporary name, flushed and renamed, so a reader never sees half a message.
 */
export function createOutboxMailer(options: OutboxMailerOptions): Mailer {
  const directory = path.resolve(options.directory ?? DEFAULT_OUTBOX_DIRECTORY);
  const now = options.now ?? (() => new Date());
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  async function writeAtomically(finalPath: string, content: Buffer): Promise<void> {
    const temporary = `${finalPath}.tmp`;
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, finalPath);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async function send(message: MailMessage): Promise<DeliveryReceipt> {
    try {
      const info = await composer.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      });
      await ensurePrivateFolder(directory);
      const outboxPath = path.join(directory, `${fileStem(now())}.eml`);
      await writeAtomically(outboxPath, info.message as Buffer);
      return { messageId: info.messageId, outboxPath };
    } catch (error) {
      throw new MailDeliveryError(1, true, failureDetail(error));
    }
  }

  return { kind: 'outbox', send, close: async () => composer.close() };
}
