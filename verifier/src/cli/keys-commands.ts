import { resealSecrets } from '../crypto/reseal.ts';
import { resealSigningKeys } from '../oidc/signing-keys.ts';
import { withRuntime } from './runtime.ts';

/** `keys reseal`: every stored secret sealed again under the first master key, so older keys can go. */
export async function resealWithCurrentKey(): Promise<void> {
  await withRuntime(async ({ ctx }) => {
    const count = (await resealSecrets(ctx.db, ctx.box)) + (await resealSigningKeys(ctx.db, ctx.box));
    process.stdout.write(
      `Re-sealed ${count} secret(s) with master key ${ctx.box.currentKeyId}; older keys can now be removed.\n`,
    );
  });
}
