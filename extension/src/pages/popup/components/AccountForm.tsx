import { useState } from 'preact/hooks';
import {
  base32Decode,
  type HashAlgorithm,
  type OtpAccount,
  OtpError,
  validateAccount,
} from '../../../../../shared/index.ts';
import { t } from '../../../i18n/t.ts';

export interface AccountFormProps {
  /** Editing keeps the secret unless a new one is typed. */
  initial?: OtpAccount;
  submitLabel: string;
  onSubmit(account: OtpAccount): void;
  onCancel(): void;
}

/** The extension's own refusal, worded in the UI language (the shared module's are in English). */
class MissingSecret extends Error {}

function toAccount(form: HTMLFormElement, initial: OtpAccount | undefined): OtpAccount {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const secretText = text('secret');
  if (!secretText && !initial) throw new MissingSecret(t('secretMissing'));
  const typeText = text('type');
  const type = typeText === 'hotp' || typeText === 'steam' ? typeText : 'totp';
  const steam = type === 'steam';
  const account: OtpAccount = {
    type,
    secret: secretText ? base32Decode(secretText) : (initial?.secret ?? new Uint8Array()),
    issuer: text('issuer'),
    account: text('account'),
    // Steam Guard's parameters are fixed, whatever the other fields say.
    algorithm: steam ? 'SHA1' : (text('algorithm') as HashAlgorithm),
    digits: steam ? 5 : Number(text('digits')),
    period: steam ? 30 : type === 'totp' ? Number(text('period')) : (initial?.period ?? 30),
    counter: type === 'hotp' ? Number(text('counter')) : (initial?.counter ?? 0),
  };
  validateAccount(account);
  return account;
}

/** Add manually or edit: every parameter an otpauth URI can carry, checked by the shared module. */
export function AccountForm({ initial, submitLabel, onSubmit, onCancel }: AccountFormProps) {
  const [error, setError] = useState('');
  const [type, setType] = useState(initial?.type ?? 'totp');
  const submit = (event: Event) => {
    event.preventDefault();
    try {
      onSubmit(toAccount(event.currentTarget as HTMLFormElement, initial));
    } catch (caught) {
      if (caught instanceof MissingSecret) return setError(caught.message);
      if (!(caught instanceof OtpError)) throw caught;
      // The shared OTP module words its reasons in English; the sentence around it is localized.
      setError(t('accountRefused', caught.message));
    }
  };
  return (
    <form class="account-form" onSubmit={submit} noValidate>
      <label>
        {t('secretKey')}
        <input
          name="secret"
          autocomplete="off"
          spellcheck={false}
          placeholder={initial ? t('keepKeyPlaceholder') : t('secretPlaceholder')}
        />
      </label>
      <label>
        {t('issuer')}
        <input name="issuer" defaultValue={initial?.issuer ?? ''} placeholder={t('issuerPlaceholder')} />
      </label>
      <label>
        {t('accountName')}
        <input name="account" defaultValue={initial?.account ?? ''} placeholder={t('accountPlaceholder')} />
      </label>
      <div class="row">
        <label>
          {t('type')}
          <select
            name="type"
            value={type}
            onChange={(e) => setType((e.currentTarget as HTMLSelectElement).value as 'totp')}
          >
            <option value="totp">{t('typeTotp')}</option>
            <option value="hotp">{t('typeHotp')}</option>
            <option value="steam">{t('typeSteam')}</option>
          </select>
        </label>
        <label>
          {t('algorithm')}
          <select name="algorithm" defaultValue={initial?.algorithm ?? 'SHA1'}>
            <option>SHA1</option>
            <option>SHA256</option>
            <option>SHA512</option>
          </select>
        </label>
        <label>
          {t('digits')}
          <select name="digits" defaultValue={String(initial?.digits ?? 6)}>
            <option>6</option>
            <option>7</option>
            <option>8</option>
          </select>
        </label>
        {type === 'steam' ? null : type === 'totp' ? (
          <label>
            {t('periodSeconds')}
            <input name="period" type="number" min={1} defaultValue={String(initial?.period ?? 30)} />
          </label>
        ) : (
          <label>
            {t('counter')}
            <input name="counter" type="number" min={0} defaultValue={String(initial?.counter ?? 0)} />
          </label>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit">{submitLabel}</button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
