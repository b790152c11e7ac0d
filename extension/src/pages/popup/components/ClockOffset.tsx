import { t } from '../../../i18n/t.ts';
import { CLOCK_WARNING_MS } from '../../../settings/clock-check.ts';

export interface ClockOffsetProps {
  /** The offset applied to the codes, from the last "Check time". */
  offsetMs: number;
  /** The address that offset was measured against. */
  verifierUrl: string;
  onUseDeviceClock(): void;
}

function originOf(address: string): string {
  try {
    return new URL(address).origin;
  } catch {
    return t('theServer');
  }
}

/** While codes use a server's time instead of the device's, say so above them, with the way back. */
export function ClockOffset({ offsetMs, verifierUrl, onUseDeviceClock }: ClockOffsetProps) {
  if (offsetMs === 0) return null;
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  const server = originOf(verifierUrl);
  const sentence =
    seconds === 0
      ? t('clockUsesServerClose', server)
      : t(offsetMs > 0 ? 'clockUsesServerBehind' : 'clockUsesServerAhead', server, seconds);
  return (
    <p class={Math.abs(offsetMs) > CLOCK_WARNING_MS ? 'warning clock-offset' : 'clock-offset'} role="status">
      {sentence}{' '}
      <button type="button" class="link" onClick={onUseDeviceClock}>
        {t('useDeviceClock')}
      </button>
    </p>
  );
}
