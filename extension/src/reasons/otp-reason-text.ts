import { OtpError, type OtpErrorReason } from '../../../shared/index.ts';
import { t } from '../i18n/t.ts';

/**
 * The reason the shared OTP core gives, in the UI language. The core stays English (the verifier
 * speaks English only) and hands its reasons over as data; this is where the extension words them.
 * A reason without a translation, or any other error, keeps its English message.
 */
export function otpReasonText(error: unknown): string {
  if (error instanceof OtpError && error.reason) return wordReason(error.reason);
  return error instanceof Error ? error.message : String(error);
}

function wordReason(reason: OtpErrorReason): string {
  switch (reason.kind) {
    case 'digits-out-of-range':
      return t('otpDigitsOutOfRange', reason.min, reason.max, reason.digits);
    case 'period-out-of-range':
      return t('otpPeriodOutOfRange', reason.max, reason.period);
    case 'counter-out-of-range':
      return t('otpCounterOutOfRange', reason.counter);
    case 'issuer-has-colon':
      return t('otpIssuerHasColon', reason.issuer);
    case 'broken-character':
      return t('otpBrokenCharacter');
    case 'surrounding-spaces':
      return t('otpSurroundingSpaces');
  }
}
