import type { ComponentChildren } from 'preact';

export interface MessageProps {
  id?: string;
  kind?: 'error' | 'success' | 'info';
  children?: ComponentChildren;
}

/**
 * A live region that is always in the page, so screen readers announce the message when it appears.
 * Errors are assertive; confirmations wait for a pause.
 */
export function Message({ id, kind = 'error', children }: MessageProps) {
  const has = children !== null && children !== undefined && children !== false && children !== '';
  return (
    <div class="live" aria-live={kind === 'error' ? 'assertive' : 'polite'} aria-atomic="true">
      {has && (
        <div id={id} class={`message message-${kind}`}>
          {children}
        </div>
      )}
    </div>
  );
}
