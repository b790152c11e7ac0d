import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { prepareRuntime, type Runtime } from '../setup.ts';

/** Opens the database (migrated, bootstrapped) for one command and closes it however the command ends. */
export async function withRuntime(run: (runtime: Runtime) => Promise<void>): Promise<void> {
  const runtime = await prepareRuntime(loadConfig(), systemClock);
  try {
    await run(runtime);
  } finally {
    await runtime.close();
  }
}
