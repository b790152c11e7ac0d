import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** A second process that takes the write lock and keeps it until told to let go. */
export async function holdWriteLock(
  file: string,
): Promise<{ release(): Promise<void>; child: ChildProcess }> {
  const script = `
    const db = new (require('better-sqlite3'))(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO audit_log (at, event) VALUES (0, 'lock.holder')").run();
    process.stdout.write('locked\\n');
    process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });
  `;
  const child = spawn(process.execPath, ['-e', script, file], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  if (!chunk.toString().includes('locked')) throw new Error(`the lock holder said ${chunk}`);
  return {
    child,
    async release() {
      child.stdin?.write('go\n');
      await once(child, 'exit');
    },
  };
}
