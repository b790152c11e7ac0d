import { decodeMigrationUri, type OtpAccount, OtpError, parseOtpauthUri } from '../../../shared/index.ts';

/** Everything a scan can end in, each with the message the popup shows. */
export type ScanOutcome =
  | { kind: 'accounts'; accounts: OtpAccount[] }
  | { kind: 'choose'; codes: OtpAccount[][] }
  | { kind: 'no-qr'; message: string }
  | { kind: 'not-otp'; message: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'unsupported'; message: string };

export const NO_QR_MESSAGE =
  'No QR code was found. Make sure the whole code is visible, not covered, and try selecting just around it.';

/** Turns the text of a decoded QR code into accounts, through the shared OTP module only. */
export function classifyQrText(text: string | null): ScanOutcome {
  if (text === null) return { kind: 'no-qr', message: NO_QR_MESSAGE };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text.trim())?.[1]?.toLowerCase();
  if (scheme !== 'otpauth' && scheme !== 'otpauth-migration') {
    return {
      kind: 'not-otp',
      message: 'This QR code is not a two-factor setup code (it does not start with otpauth://).',
    };
  }
  try {
    const accounts = scheme === 'otpauth' ? [parseOtpauthUri(text.trim())] : decodeMigrationUri(text.trim());
    if (accounts.length === 0)
      return { kind: 'invalid', message: 'The export QR code contains no accounts.' };
    return { kind: 'accounts', accounts };
  } catch (error) {
    if (!(error instanceof OtpError)) throw error;
    // The shared parser words unsupported values (algorithm, type, digits) as "not supported".
    const unsupported = error.code === 'UNSUPPORTED_ACCOUNT' || /not supported/i.test(error.message);
    const kind = unsupported ? 'unsupported' : 'invalid';
    const prefix = unsupported
      ? 'This setup code uses settings this extension cannot use'
      : 'This setup code is not valid';
    return { kind, message: `${prefix}: ${error.message}` };
  }
}

/** Where the codes came from, for the wording of what was found. */
export type ScanMode = 'selection' | 'page';

function notSetupCodes(texts: readonly string[], mode: ScanMode): ScanOutcome {
  const where = mode === 'page' ? 'on this page' : 'you selected';
  const links = texts.every((text) => /^https?:\/\//i.test(text.trim()));
  const message =
    texts.length === 1
      ? `The QR code ${where} ${links ? 'is a web address' : 'does not start with otpauth://'}, not a two-factor setup code.`
      : `The ${texts.length} QR codes ${where} ${links ? 'are web addresses' : 'do not start with otpauth://'}, not two-factor setup codes.`;
  return {
    kind: 'not-otp',
    message: `${message} Look for the code the site shows when you turn on an authenticator app, or use Add manually with its setup key.`,
  };
}

/**
 * The outcome of every code one scan found: the setup codes among them (one to confirm, several to
 * choose from), else the most telling reason there is none (a broken setup code before a web link).
 */
export function classifyQrTexts(texts: readonly string[], mode: ScanMode): ScanOutcome {
  if (texts.length === 0) return classifyQrText(null);
  const outcomes = texts.map((text) => classifyQrText(text));
  const codes = outcomes.flatMap((outcome) => (outcome.kind === 'accounts' ? [outcome.accounts] : []));
  const [first] = codes;
  if (first && codes.length === 1) return { kind: 'accounts', accounts: first };
  if (codes.length > 1) return { kind: 'choose', codes };
  const broken = outcomes.find((outcome) => outcome.kind === 'invalid' || outcome.kind === 'unsupported');
  return broken ?? notSetupCodes(texts, mode);
}
