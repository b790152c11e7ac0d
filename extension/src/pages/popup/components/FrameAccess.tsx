import { frameHost, originPattern } from '../../../fill/frame-access.ts';
import { t } from '../../../i18n/t.ts';
import { browser } from '../../../platform/browser.ts';

/** A code field in a frame from another site, and the fill to run again once that site is allowed. */
export interface FrameAsk {
  origin: string;
  retry(): void;
}

/**
 * The button under the popup's sentence about a frame out of reach. The browser shows its permission
 * prompt only during a user's click, so the request is the first thing the click does.
 */
export function FrameAccess({ ask }: { ask: FrameAsk | null }) {
  if (!ask) return null;
  const allow = () => {
    browser.permissions.request({ origins: [originPattern(ask.origin)] }).then(
      (granted) => granted && ask.retry(),
      () => undefined,
    );
  };
  return (
    <button type="button" class="frame-access" onClick={allow}>
      {t('allowHost', frameHost(ask.origin))}
    </button>
  );
}
