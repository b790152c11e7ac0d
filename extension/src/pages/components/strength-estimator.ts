import type { ZxcvbnResult } from '@zxcvbn-ts/core';

/** How guessable a password is: zxcvbn's score (0 to 4) and the patterns it found. */
export type Estimate = Pick<ZxcvbnResult, 'score' | 'guessesLog10' | 'sequence'>;
export type Estimator = (password: string) => Estimate;

type Dictionary = Record<string, string[] | string>;

/** The words of the user's language besides English, when zxcvbn-ts has them. */
function ownLanguageWords(language: string): Promise<Dictionary> {
  switch (language.toLowerCase().split(/[-_]/)[0]) {
    case 'de':
      return import('@zxcvbn-ts/language-de').then((words) => words.dictionary);
    case 'fr':
      return import('@zxcvbn-ts/language-fr').then((words) => words.dictionary);
    case 'es':
      return import('@zxcvbn-ts/language-es-es').then((words) => words.dictionary);
    default:
      return Promise.resolve({});
  }
}

const loaded = new Map<string, Promise<Estimator>>();

/**
 * zxcvbn-ts with the common passwords, keyboard layouts, English words and names, and those of the
 * user's language. Its word lists are a few megabytes, so they load only where a new password is
 * chosen, once per page and language.
 */
export function loadEstimator(language: string): Promise<Estimator> {
  const known = loaded.get(language);
  if (known) return known;
  const loading = Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
    ownLanguageWords(language),
  ]).then(([{ ZxcvbnFactory }, common, english, own]) => {
    const factory = new ZxcvbnFactory({
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...english.dictionary, ...own },
    });
    return (password: string) => factory.check(password);
  });
  loaded.set(language, loading);
  return loading;
}
