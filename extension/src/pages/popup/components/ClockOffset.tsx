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
    return 'the server';
  }
}

/** While codes use a server's time instead of the device's, say so above them, with the way back. */
export function ClockOffset({ offsetMs, verifierUrl, onUseDeviceClock }: ClockOffsetProps) {
  if (offsetMs === 0) return null;
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  const difference =
    seconds === 0 ? 'less than a second' : `${seconds} s ${offsetMs > 0 ? 'behind' : 'ahead'}`;
  return (
    <p class={Math.abs(offsetMs) > CLOCK_WARNING_MS ? 'warning clock-offset' : 'clock-offset'} role="status">
      Codes use the time of {originOf(verifierUrl)}: this device’s clock is {difference}.{' '}
      <button type="button" class="link" onClick={onUseDeviceClock}>
        Use this device’s clock
      </button>
    </p>
  );
}
