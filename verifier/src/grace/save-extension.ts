import type { Clock } from '../clock.ts';
import type { Db } from '../db/schema.ts';
import { DomainError } from '../domain-error.ts';
import { extendGrace, graceOf, readSettings, type Settings } from '../settings/settings.ts';
import { checkGraceExtension, GraceArgumentError, parseGraceDate } from './index.ts';

/** The grace end as the admin typed it; a malformed date is a 400 naming the field. */
function requestedGraceEnd(text: string): Date {
  try {
    return parseGraceDate(text);
  } catch (error) {
    if (error instanceof GraceArgumentError) {
      throw new DomainError('invalid', 'invalid_request', `Field 'graceEndsAt': ${error.message}`);
    }
    throw error;
  }
}

/** Checks and stores a later grace end; shared with the command line. */
export async function extendGracePeriod(
  ctx: { db: Db; clock: Clock },
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
  if (!check.ok) throw new DomainError('invalid', check.code, check.message);
  return { from: current.endsAt.toISOString(), settings: await extendGrace(ctx.db, check.extendedUntil) };
}
