import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserView } from '../accounts/users.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { nextStep } from '../auth/next-step.ts';
import type { AppContext } from '../http/context.ts';
import { sendSecurityNotice } from '../security-mail/send-security-notice.ts';
import { readSettings } from '../settings/settings.ts';
import { browserName } from './browser-name.ts';
import { keepRememberedToken, rememberedTokens } from './remember-cookie.ts';
import { bindingFactsOf, findRememberedDevice, markUsed, rememberDevice } from './remembered-device-store.ts';

/** The days a device may be remembered for now; 0 when the admin has not turned it on. */
export async function rememberDays(ctx: AppContext): Promise<number> {
  return (await readSettings(ctx.db)).rememberDeviceDays;
}

/**
 * After a right password: whether this browser is a remembered device of the user that may skip the
 * code. Only a user whose next step is the code of an Activated factor skips it; a password to change
 * or a setup still comes first. A skip is marked on the device and audited.
 */
export async function skipsSecondFactor(
  ctx: AppContext,
  request: FastifyRequest,
  user: UserView,
): Promise<boolean> {
  if (nextStep(user).step !== 'code' || user.twoFactorStatus !== 'Activated') return false;
  const tokens = rememberedTokens(ctx, request);
  if (tokens.length === 0) return false;
  const now = ctx.clock.now();
  const days = await rememberDays(ctx);
  const facts = await bindingFactsOf(ctx.db, user.id, user.method);
  const device = await findRememberedDevice(
    ctx.db,
    ctx.deviceTokenKey,
    tokens,
    { id: user.id, facts },
    now,
    days,
  );
  if (!device) return false;
  await markUsed(ctx.db, device, now);
  await writeAudit(ctx.db, {
    at: now,
    actor: user.username,
    event: 'sign_in.remembered_device',
    target: user.username,
    ip: request.ip,
    detail: { browser: browserName(request.headers['user-agent']), method: user.method },
  });
  return true;
}

/** After an accepted code with "Remember this device" ticked: the browser skips the code from now on. */
export async function rememberIfAsked(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserView,
  asked: boolean | undefined,
): Promise<void> {
  if (!asked) return;
  const days = await rememberDays(ctx);
  // Off in System Settings: the page shows no checkbox, and a request that sends it anyway gets nothing.
  if (days <= 0) return;
  const now = ctx.clock.now();
  const browser = browserName(request.headers['user-agent']);
  const token = await ctx.db.transaction().execute(async (trx) => {
    const facts = await bindingFactsOf(trx, user.id, user.method);
    const made = await rememberDevice(trx, ctx.deviceTokenKey, {
      userId: user.id,
      facts,
      browser,
      ip: request.ip,
      now,
      days,
    });
    await writeAudit(trx, {
      at: now,
      actor: user.username,
      event: 'device.remembered',
      target: user.username,
      ip: request.ip,
      detail: { browser, days },
    });
    return made;
  });
  void sendSecurityNotice({ ...ctx, log: request.log }, user, 'device_remembered', {
    ip: request.ip,
    actor: user.username,
  });
  keepRememberedToken(ctx, reply, token, days);
}
