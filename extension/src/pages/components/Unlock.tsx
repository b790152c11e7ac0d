import { t } from '../../i18n/t.ts';

export interface UnlockProps {
  error: string;
  busy: boolean;
  onUnlock(password: string): void;
}

export function Unlock({ error, busy, onUnlock }: UnlockProps) {
  const submit = (event: Event) => {
    event.preventDefault();
    onUnlock(String(new FormData(event.currentTarget as HTMLFormElement).get('password') ?? ''));
  };
  return (
    <form class="panel" aria-label={t('unlock')} onSubmit={submit}>
      <h1>{t('lockedHeading')}</h1>
      <label>
        {t('password')}
        <input
          name="password"
          type="password"
          autocomplete="current-password"
          // biome-ignore lint/a11y/noAutofocus: the page exists to take this one value, so the caret starts there
          autoFocus
        />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('unlocking') : t('unlock')}
      </button>
    </form>
  );
}
