/** What to do when codes are refused: authenticator codes follow the device's clock. */
export function ClockHelp() {
  return (
    <details class="help" open>
      <summary>Codes keep being refused?</summary>
      <p>
        Authenticator codes depend on your device’s clock. In your phone’s or computer’s date and time
        settings, switch from <strong>Manual</strong> to <strong>Automatic</strong>. If it is already
        automatic, turn it off and on again to resynchronise, then use the next code.
      </p>
    </details>
  );
}
