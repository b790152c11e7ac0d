import { t } from '../i18n/t.ts';
import { type CodeTarget, findCodeTarget, REASON_RANK } from './detect.ts';
import { fillTarget } from './type-code.ts';

/**
 * What one frame answers. The background asks every frame first (`probe`), then fills in the frame
 * with the surest field only, so a code never lands in two places.
 */
export type FillRequest =
  | { action: 'probe'; preferFocused: boolean }
  | { action: 'fill'; code: string; preferFocused: boolean };

/** What the user reads when no frame of the page has a field to take the code. */
export const NO_FIELD_MESSAGE = t('noCodeField');

/** `frames`: the origins of the frames this document holds from other sites (see frameOrigins). */
export type ProbeResult =
  | { found: false; frames: string[] }
  | { found: true; rank: number; focused: boolean; frames: string[] };
export type FillResult = { filled: false } | { filled: true; fields: number; kind: CodeTarget['kind'] };

/**
 * The web origins of the document's frames other than its own. With activeTab alone the browser lets
 * the extension into the tab's own origin only; these are the frames a code field may hide in.
 */
export function frameOrigins(document: Document): string[] {
  const own = document.location.origin;
  const origins = Array.from(document.querySelectorAll('iframe, frame'), (frame) => {
    try {
      return new URL((frame as HTMLIFrameElement).src, document.baseURI).origin;
    } catch {
      return '';
    }
  });
  return [...new Set(origins.filter((origin) => /^https?:/.test(origin) && origin !== own))];
}

export function probe(document: Document, preferFocused: boolean): ProbeResult {
  const target = findCodeTarget(document, { preferFocused });
  const frames = frameOrigins(document);
  if (!target) return { found: false, frames };
  return { found: true, rank: REASON_RANK[target.reason], focused: document.hasFocus(), frames };
}

export function fill(document: Document, code: string, preferFocused: boolean): FillResult {
  const target = findCodeTarget(document, { preferFocused });
  if (!target) return { filled: false };
  return { filled: true, fields: fillTarget(target, code), kind: target.kind };
}

/** Answers a request in `document`; the injected script calls this with what the background sent. */
export function answer(document: Document, request: FillRequest): ProbeResult | FillResult {
  return request.action === 'probe'
    ? probe(document, request.preferFocused)
    : fill(document, request.code, request.preferFocused);
}
