import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { BODY_STYLE, CODE_STYLE } from '../mail/text-to-html.ts';

// The template preview shows the generated e-mail in a sandboxed srcdoc frame, which inherits this
// policy: its two fixed style attributes are allowed by hash, and no other inline style.
const styleHash = (style: string) => `'sha256-${createHash('sha256').update(style).digest('base64')}'`;

/**
 * Security headers on every answer. The pages' CSP allows scripts and styles from this origin only
 * (no inline script); the enrollment QR code is inline SVG markup, so no data: images are needed.
 * The headers never change, so helmet's middleware is built once here; the Fastify wrapper builds it
 * again, CSP parsing included, for every request, which cost a tenth of the server's CPU.
 */
const applySecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      styleSrcAttr: ["'unsafe-hashes'", styleHash(BODY_STYLE), styleHash(CODE_STYLE)],
      imgSrc: ["'self'"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  crossOriginEmbedderPolicy: false,
});

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', (request, reply, done) => {
    applySecurityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
}
