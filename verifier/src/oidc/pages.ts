import type { KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml } from '../mail/escape-html.ts';

/**
 * The few pages the provider itself shows (the sign-in and 2FA are the verifier's own pages): a
 * failed request, the sign-out question and its answer. Plain HTML, no scripts, no outside styles.
 */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font:inherit;padding:.5rem 1rem;margin-right:.5rem}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

const clientName = (ctx: KoaContextWithOIDC) => ctx.oidc.client?.clientName ?? ctx.oidc.client?.clientId;

export async function errorPage(
  ctx: KoaContextWithOIDC,
  out: { error: string; error_description?: string },
): Promise<void> {
  ctx.type = 'html';
  const why = out.error_description ?? out.error;
  ctx.body = page(
    'The sign-in for this application failed',
    `<p>${escapeHtml(why)}</p><p>Go back to the application and start the sign-in again.</p>`,
  );
}

/** RP-initiated logout asks first, so a link alone cannot sign a user out; `form` carries its check value. */
export async function logoutPage(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const name = clientName(ctx);
  ctx.type = 'html';
  ctx.body = page(
    'Sign out?',
    `${form}<p>${name ? `${escapeHtml(name)} asks to sign you out.` : 'Sign out of the verifier?'} This signs you out of the verifier too.</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
  );
}

export async function loggedOutPage(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.type = 'html';
  ctx.body = page('Signed out', '<p>You are signed out. You can close this tab.</p>');
}
