import type { Selection } from '../scan/region.ts';

/** Messages the popup sends to the background. */
export type PopupRequest =
  | { type: 'scan-selection'; tabId: number }
  | { type: 'scan-page'; tabId: number }
  | { type: 'code-copied' }
  | { type: 'fill-code'; tabId: number; code: string };

/** Messages the selection overlay sends from the page. */
export type SelectionMessage =
  | { type: 'selection-made'; selection: Selection }
  | { type: 'selection-cancelled' };

/** Messages to Chrome's offscreen document. */
export type OffscreenRequest = { type: 'offscreen-clear-clipboard' };

export type ExtensionMessage = PopupRequest | SelectionMessage | OffscreenRequest;

/** Answer to a scan request: the scan itself lands in the pending-scan slot. */
export type ScanReply = { ok: true } | { ok: false; message: string };

/** Answer to a fill request; `frameOrigin`: the field is in a frame of that origin, out of reach. */
export type FillReply = { ok: true } | { ok: false; message: string; frameOrigin?: string };

const TYPES = new Set<string>([
  'scan-selection',
  'scan-page',
  'code-copied',
  'fill-code',
  'selection-made',
  'selection-cancelled',
  'offscreen-clear-clipboard',
]);

export function isExtensionMessage(value: unknown): value is ExtensionMessage {
  return (
    typeof value === 'object' && value !== null && TYPES.has((value as { type?: unknown }).type as string)
  );
}
