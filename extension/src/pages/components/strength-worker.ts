import { loadEstimator } from './strength-estimator.ts';
import type { StrengthAnswer, StrengthJob } from './strength-job.ts';

/** Rates passwords away from the page, so typing never waits for the word lists or a rating. */
self.onmessage = async (event: MessageEvent<StrengthJob>) => {
  const { password, language } = event.data;
  const estimate = await loadEstimator(language);
  postMessage({ password, rating: estimate(password) } satisfies StrengthAnswer);
};
