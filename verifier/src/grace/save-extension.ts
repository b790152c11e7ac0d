import { checkGraceExtension, GraceArgumentError, parseGraceDate } from './index.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { extendGrace, graceOf, readSettings, type Settings } from '../settings/settings.ts';

/** The grace end as the admin typed it; a malformed date is a 400 naming the field. */
function requestedGraceEnd(text: string): Date {
  try {
    return parseGraceDate(text);
  } catch (error) {
    if (error instanceof GraceArgumentError) {
      throw new ApiError(400, 'invalid_request', `Field 'graceEndsAt': ${error.message}`);
    }
    throw error;
  }
}

/** Checks and stores a later grace end; shared with the command line. */
export async function extendGracePeriod(
  ctx: AppContext,
  text: string,
): Promise<{ from: string; settings: Settings }> {
  const now = ctx.clock.now();
  const settings = await readSettings(ctx.db);
  const current = graceOf(settings, now);
  const check = checkGraceExtension(
    {
      organisationCreatedAt: new Date(settings.organisationCreatedAt),
      graceDays: settings.graceDays,
      extendedUntil: settings.graceExtendedUntil === null ? null : new Date(settings.graceExtendedUntil),
    },
    requestedGraceEnd(text),
    new Date(now),
  );
  if (!check.ok) throw new ApiError(400, check.code, check.message);
  return { from: current.endsAt.toISOString(), settings: await extendGrace(ctx.db, check.extendedUntil) };
}
