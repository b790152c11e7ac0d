import { argon2id } from 'hash-wasm';
import type { Argon2idAnswer, Argon2idJob } from './argon2id-job.ts';

/**
 * Argon2id in a dedicated worker, which `signal` can stop at once: Ente Auth's exports ask for
 * 1 GiB and several passes, seconds of work the page would otherwise spend frozen, with its
 * Cancel button unable to answer. Where there are no web workers (Node, for the unit tests) it
 * runs in place. The caller's password bytes are wiped either way.
 */
export async function argon2idOffThread(job: Argon2idJob, signal?: AbortSignal): Promise<Uint8Array> {
  signal?.throwIfAborted();
  if (typeof Worker !== 'function') {
    try {
      return await argon2id({ ...job, outputType: 'binary' });
    } finally {
      job.password.fill(0);
    }
  }
  const worker = new Worker(new URL('./argon2id-worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      const stop = () => reject(signal?.reason);
      signal?.addEventListener('abort', stop, { once: true });
      worker.onmessage = (event: MessageEvent<Argon2idAnswer>) => {
        signal?.removeEventListener('abort', stop);
        const answer = event.data;
        if ('key' in answer) resolve(answer.key);
        else reject(new Error(answer.error));
      };
      worker.onerror = (event) => {
        signal?.removeEventListener('abort', stop);
        reject(new Error(event.message || 'The key derivation could not run.'));
      };
      // A copy goes to the worker (which wipes it); the caller's bytes are wiped here.
      worker.postMessage({ ...job, password: job.password.slice() });
      job.password.fill(0);
    });
  } finally {
    worker.terminate();
  }
}
