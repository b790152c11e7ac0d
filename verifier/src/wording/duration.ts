/**
 * A wait as people say it: "1 second", "45 seconds", "2 minutes", "3 minutes 5 seconds",
 * "1 hour 10 minutes". Used by the server's messages and the pages alike, so both say the same.
 */
export function spokenDuration(totalSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(totalSeconds));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds < 60) return unit(seconds, 'second');
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60);
    const rest = seconds % 60;
    return rest === 0 ? unit(minutes, 'minute') : `${unit(minutes, 'minute')} ${unit(rest, 'second')}`;
  }
  // Past an hour, seconds are noise: round up to the minute so the wait is never understated.
  const minutesTotal = Math.ceil(seconds / 60);
  const hours = Math.floor(minutesTotal / 60);
  const minutes = minutesTotal % 60;
  return minutes === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(minutes, 'minute')}`;
}
