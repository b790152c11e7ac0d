import type { Rating } from './strength-estimator.ts';

/** A password to rate, as sent to strength-worker.ts. */
export interface StrengthJob {
  password: string;
  language: string;
}

/** The worker's answer, with the password it is about. */
export interface StrengthAnswer {
  password: string;
  rating: Rating;
}
