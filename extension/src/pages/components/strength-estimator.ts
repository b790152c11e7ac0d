/** How guessable a password is: zxcvbn's score (0 to 4), and whether it holds a known password or word. */
export interface Rating {
  score: number;
  known: boolean;
}
export type Estimator = (password: string) => Rating;

type Dictionary = Record<string, string[] | string>;

/** zxcvbn's work grows with the square of the length; beyond this the first characters are rated. */
const RATED_LENGTH = 40;

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
 * user's language, loaded once per language. The pages run it in strength-worker.ts: the word
 * lists are a few megabytes and one rating can take a tenth of a second.
 */
export function loadEstimator(language: string): Promise<Estimator> {
  const started = loaded.get(language);
  if (started) return started;
  const loading = Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
    ownLanguageWords(language),
  ]).then(([{ ZxcvbnFactory }, common, english, own]) => {
    const factory = new ZxcvbnFactory({
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...english.dictionary, ...own },
      maxLength: RATED_LENGTH,
    });
    return (password: string): Rating => {
      const { score, sequence } = factory.check(password);
      return { score, known: sequence.some((part) => part.pattern === 'dictionary') };
    };
  });
  loaded.set(language, loading);
  return loading;
}
