import { argon2id } from 'hash-wasm';
import type { Argon2idAnswer, Argon2idJob } from './argon2id-job.ts';

/** Runs one Argon2id derivation away from the page, so a gigabyte of work does not freeze it. */
self.onmessage = async (event: MessageEvent<Argon2idJob>) => {
  const job = event.data;
  let answer: Argon2idAnswer;
  try {
    answer = { key: await argon2id({ ...job, outputType: 'binary' }) };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  } finally {
    job.password.fill(0);
  }
  postMessage(answer, { transfer: 'key' in answer ? [answer.key.buffer] : [] });
};
