import { MIN_PASSWORD_LENGTH } from '../../../src/accounts/password-rules.ts';
import { Field } from './Field.tsx';

export interface NewPasswordFieldsProps {
  label: string;
  password: string;
  repeated: string;
  onPassword: (value: string) => void;
  onRepeated: (value: string) => void;
  /** The id of the message that explains a refusal, when there is one. */
  errorId?: string;
}

/** A new password typed twice, with the rule the server applies said beside it. */
export function NewPasswordFields({
  label,
  password,
  repeated,
  onPassword,
  onRepeated,
  errorId,
}: NewPasswordFieldsProps) {
  return (
    <>
      <Field
        id="new-password"
        label={label}
        type="password"
        value={password}
        onValue={onPassword}
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        required
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong, memorable password.`}
      />
      <Field
        id="repeat-password"
        label={`${label} again`}
        type="password"
        value={repeated}
        onValue={onRepeated}
        autoComplete="new-password"
        required
        errorId={errorId}
      />
    </>
  );
}
