import { decodeMigrationUri, type OtpAccount, OtpError, parseOtpauthUri } from '../../../shared/index.ts';

/** Everything a scan can end in, each with the message the popup shows. */
export type ScanOutcome =
  | { kind: 'accounts'; accounts: OtpAccount[] }
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
