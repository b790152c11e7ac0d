import { ApiError } from '../http/api-error.ts';

export const recoveryCodeInvalid = () =>
  new ApiError(
    400,
    'recovery_code_invalid',
    'That recovery code is not right. Type all 20 characters of one of your codes, dashes optional.',
  );
export const recoveryCodeUsed = () =>
  new ApiError(400, 'recovery_code_used', 'That recovery code has already been used. Each code works once.');
export const recoveryCodeBlank = () => new ApiError(400, 'code_blank', 'Enter one of your recovery codes.');
export const noRecoveryCodes = () =>
  new ApiError(
    409,
    'recovery_codes_unavailable',
    'Recovery codes are for accounts that use an authenticator app. Your codes come by e-mail.',
  );
