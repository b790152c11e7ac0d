import { parseArgs } from 'node:util';
import { writeAudit } from '../audit/audit-log.ts';
import { extendGracePeriod } from '../grace/save-extension.ts';
import { UsageError } from './command-errors.ts';
import { withRuntime } from './runtime.ts';

/** `settings grace --extend-to DATE`: the grace period ends later; an earlier or malformed date is refused. */
export async function extendGraceCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { 'extend-to': { type: 'string' } } });
  const date = values['extend-to'];
  if (!date) throw new UsageError('settings grace needs --extend-to DATE.');
  await withRuntime(async ({ ctx }) => {
    const { from, settings } = await extendGracePeriod(ctx, date);
    await writeAudit(ctx.db, {
      at: ctx.clock.now(),
      actor: 'cli',
      event: 'settings.grace_extended',
      detail: { from, to: settings.graceExtendedUntil },
    });
    process.stdout.write(`The grace period now ends ${settings.graceExtendedUntil} (was ${from}).\n`);
  });
}
