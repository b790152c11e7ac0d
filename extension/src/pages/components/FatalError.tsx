/** What the popup and the transfer page show when the vault cannot be read: the reason, and nothing to press. */
export function FatalError({ message }: { message: string }) {
  return (
    <main>
      <p class="error" role="alert">
        {message}
      </p>
    </main>
  );
}
