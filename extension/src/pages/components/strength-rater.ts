import type { Rating } from './strength-estimator.ts';
import type { StrengthAnswer, StrengthJob } from './strength-job.ts';

/**
 * Rates the password being typed in a worker, one rating at a time: while one runs, only the
 * newest password waits, so a fast typist gets the rating of what is typed now, not a queue of
 * old ones. Without workers (the unit tests) it rates in place; every page of the built extension
 * has workers, so the build leaves that path out, and with it a second copy of the word lists.
 */
export class StrengthRater {
  private readonly worker: Worker | null;
  private running = false;
  private closed = false;
  private waiting: string | null = null;

  constructor(
    private readonly language: string,
    private readonly onRating: (password: string, rating: Rating) => void,
  ) {
    this.worker =
      typeof Worker === 'function'
        ? new Worker(new URL('./strength-worker.ts', import.meta.url), { type: 'module' })
        : null;
    if (this.worker) {
      this.worker.onmessage = (event: MessageEvent<StrengthAnswer>) => this.answered(event.data);
      // The hint is advice: should the worker fail, only the length rule shows.
      this.worker.onerror = () => this.close();
    }
  }

  rate(password: string): void {
    if (this.closed) return;
    this.waiting = password;
    if (!this.running) this.next();
  }

  close(): void {
    this.closed = true;
    this.worker?.terminate();
  }

  private next(): void {
    const password = this.waiting;
    if (password === null) return;
    this.waiting = null;
    this.running = true;
    if (this.worker) {
      this.worker.postMessage({ password, language: this.language } satisfies StrengthJob);
      return;
    }
    if (import.meta.env.PROD) return;
    void import('./strength-estimator.ts')
      .then(({ loadEstimator }) => loadEstimator(this.language))
      .then((estimate) => this.answered({ password, rating: estimate(password) }));
  }

  private answered(answer: StrengthAnswer): void {
    this.running = false;
    if (this.closed) return;
    this.onRating(answer.password, answer.rating);
    this.next();
  }
}
