import { decodeMigrationUri, type OtpAccount, OtpError, parseOtpauthUri } from '../../../shared/index.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { t } from '../i18n/t.ts';
import { otpReasonText } from '../reasons/otp-reason-text.ts';

/** Everything a scan can end in, each with the message the popup shows. */
export type ScanOutcome =
  | { kind: 'accounts'; accounts: OtpAccount[] }
  | { kind: 'choose'; codes: OtpAccount[][] }
  | { kind: 'no-qr'; message: string }
  | { kind: 'not-otp'; message: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'unsupported'; message: string };

export const NO_QR_MESSAGE = t('noQrFound');

/** Turns the text of a decoded QR code into accounts, through the shared OTP module only. */
export function classifyQrText(text: string | null): ScanOutcome {
  if (text === null) return { kind: 'no-qr', message: NO_QR_MESSAGE };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text.trim())?.[1]?.toLowerCase();
  if (scheme !== 'otpauth' && scheme !== 'otpauth-migration') {
    return {
      kind: 'not-otp',
      message: t('qrNotOtpauth'),
    };
  }
  try {
    const accounts = scheme === 'otpauth' ? [parseOtpauthUri(text.trim())] : decodeMigrationUri(text.trim());
    if (accounts.length === 0) return { kind: 'invalid', message: t('exportQrEmpty') };
    return { kind: 'accounts', accounts };
  } catch (error) {
    if (!(error instanceof OtpError)) throw error;
    // The shared parser words unsupported values (algorithm, type, digits) as "not supported".
    const unsupported = error.code === 'UNSUPPORTED_ACCOUNT' || /not supported/i.test(error.message);
    const kind = unsupported ? 'unsupported' : 'invalid';
    return {
      kind,
      message: t(unsupported ? 'setupCodeUnsupported' : 'setupCodeInvalid', otpReasonText(error)),
    };
  }
}

/** Where the codes came from, for the wording of what was found. */
export type ScanMode = 'selection' | 'page';

/** The sentence for QR codes that hold no setup code: where they were, how many, and whether they are links. */
const NOT_SETUP_CODES = {
  page: {
    one: { links: 'qrOnPageIsLink', other: 'qrOnPageNotOtpauth' },
    many: { links: 'qrsOnPageAreLinks', other: 'qrsOnPageNotOtpauth' },
  },
  selection: {
    one: { links: 'qrSelectedIsLink', other: 'qrSelectedNotOtpauth' },
    many: { links: 'qrsSelectedAreLinks', other: 'qrsSelectedNotOtpauth' },
  },
} as const satisfies Record<ScanMode, Record<'one' | 'many', Record<'links' | 'other', MessageKey>>>;

function notSetupCodes(texts: readonly string[], mode: ScanMode): ScanOutcome {
  const links = texts.every((text) => /^https?:\/\//i.test(text.trim()));
  return {
    kind: 'not-otp',
    message: t(
      NOT_SETUP_CODES[mode][texts.length === 1 ? 'one' : 'many'][links ? 'links' : 'other'],
      texts.length,
    ),
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
