import { OtpError, type OtpErrorReason } from '../../../shared/index.ts';
import { t } from '../i18n/t.ts';
import { migrationReasonText } from './migration-reason-text.ts';

/**
 * The reason the shared OTP core gives, in the UI language. The core stays English (the verifier
 * speaks English only) and hands its reasons over as data; this is where the extension words them.
 * A reason without a translation, or any other error, keeps its English message.
 */
export function otpReasonText(error: unknown): string {
  if (error instanceof OtpError && error.reason) return wordReason(error.reason, error.cause);
  return error instanceof Error ? error.message : String(error);
}

/** `cause`: the error a `…because` reason continues with. */
function wordReason(reason: OtpErrorReason, cause: unknown): string {
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
    case 'not-otpauth-uri':
      return t('uriNotOtpauth');
    case 'unsupported-otp-type':
      return t('uriTypeNotSupported', reason.type);
    case 'broken-percent-encoding':
      if (reason.place.in === 'parameter') return t('uriParameterBrokenPercent', reason.place.parameter);
      return reason.place.in === 'label' ? t('uriLabelBrokenPercent') : t('uriParameterNameBrokenPercent');
    case 'repeated-parameter':
      return t('uriRepeatedParameter', reason.parameter);
    case 'parameter-not-whole-number':
      return t('uriParameterNotWholeNumber', reason.parameter, reason.value);
    case 'unsupported-algorithm':
      return t('uriAlgorithmNotSupported', reason.algorithm);
    case 'no-secret':
      return t('uriNoSecret');
    case 'secret-not-base32-because':
      return t('uriSecretNotBase32', otpReasonText(cause));
    case 'secret-decodes-to-nothing':
      return t('uriSecretEmpty');
    case 'no-account-in-label':
      return t('uriNoAccount');
    case 'digits-parameter-out-of-range':
      return t('uriDigitsOutOfRange', reason.min, reason.max, reason.digits);
    case 'period-parameter-out-of-range':
      return t('uriPeriodOutOfRange', reason.max, reason.period);
    case 'hotp-without-counter':
      return t('uriHotpWithoutCounter');
    case 'counter-parameter-too-large':
      return t('uriCounterTooLarge', reason.counter);
    case 'unusable-account-because':
      return t('uriUnusableAccount', otpReasonText(cause));
    case 'base32-bad-character':
      return t('base32BadCharacter', reason.character, reason.position);
    case 'base32-after-padding':
      return t('base32AfterPadding', reason.position);
    case 'base32-bad-length':
      return t('base32BadLength', reason.symbols);
    default:
      return migrationReasonText(reason, () => otpReasonText(cause));
  }
}
