import type { SelectionMessage } from '../background/messages.ts';
import { t } from '../i18n/t.ts';
import { browser } from '../platform/browser.ts';
import { MIN_SELECTION_CSS_PX, type Selection } from '../scan/region.ts';

/**
 * Injected into the active tab on "Scan QR code": a full-page layer on which the user drags a rectangle
 * around the QR code (Esc cancels). It removes itself before reporting, so the capture shows the page
 * as it is, and reports the rectangle in CSS pixels with the device pixel ratio.
 */
const HOST_ID = 'two-factor-authenticator-selection';

function send(message: SelectionMessage): void {
  void browser.runtime.sendMessage(message);
}

const STYLE = `
  .layer { position: fixed; inset: 0; z-index: 2147483647; cursor: crosshair; background: rgb(0 0 0 / 0.25); }
  .hint { position: fixed; top: 12px; left: 50%; transform: translateX(-50%); padding: 6px 12px;
    font: 14px system-ui, sans-serif; color: #fff; background: rgb(0 0 0 / 0.75); border-radius: 4px; }
  .box { position: fixed; border: 2px dashed #fff; outline: 1px solid #000; background: rgb(255 255 255 / 0.1); display: none; }`;

const HOST_STYLE = [
  'all: initial',
  'display: block',
  'position: fixed',
  'inset: 0',
  'z-index: 2147483647',
  'opacity: 1',
  'visibility: visible',
  'pointer-events: auto',
]
  .map((declaration) => `${declaration} !important`)
  .join('; ');

function element(className: string): HTMLDivElement {
  const div = document.createElement('div');
  div.className = className;
  return div;
}

function afterRepaint(callback: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(callback));
}

function start(): void {
  if (document.getElementById(HOST_ID)) return;
  const host = document.createElement('div');
  host.id = HOST_ID;
  // Inline !important declarations win over any style sheet of the page, so the page cannot hide
  // the host; the closed shadow root keeps its scripts and styles away from what is inside.
  host.style.cssText = HOST_STYLE;
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const layer = element('layer');
  layer.setAttribute('role', 'dialog');
  layer.setAttribute('aria-label', t('selectQrCode'));
  const hint = element('hint');
  hint.textContent = t('selectionHint');
  const box = element('box');
  layer.append(hint, box);
  root.append(style, layer);
  document.documentElement.append(host);

  let origin: { x: number; y: number } | null = null;
  let rect = { x: 0, y: 0, width: 0, height: 0 };

  const finish = (message: SelectionMessage) => {
    window.removeEventListener('keydown', onKey, true);
    host.remove();
    afterRepaint(() => send(message));
  };
  // Only the user's own input counts: the page's scripts can dispatch events too.
  const onKey = (event: KeyboardEvent) => {
    if (!event.isTrusted || event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    finish({ type: 'selection-cancelled' });
  };
  window.addEventListener('keydown', onKey, true);

  layer.addEventListener('pointerdown', (event) => {
    if (!event.isTrusted) return;
    origin = { x: event.clientX, y: event.clientY };
    layer.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  layer.addEventListener('pointermove', (event) => {
    if (!event.isTrusted || !origin) return;
    rect = {
      x: Math.min(origin.x, event.clientX),
      y: Math.min(origin.y, event.clientY),
      width: Math.abs(event.clientX - origin.x),
      height: Math.abs(event.clientY - origin.y),
    };
    Object.assign(box.style, {
      display: 'block',
      left: `${rect.x}px`,
      top: `${rect.y}px`,
      width: `${rect.width}px`,
      height: `${rect.height}px`,
    });
  });
  layer.addEventListener('pointerup', (event) => {
    if (!event.isTrusted || !origin) return;
    origin = null;
    // A click without a drag is not a selection; the user can still drag or press Esc.
    if (rect.width < MIN_SELECTION_CSS_PX || rect.height < MIN_SELECTION_CSS_PX) return;
    const selection: Selection = {
      rect,
      devicePixelRatio: window.devicePixelRatio,
      viewportWidth: window.innerWidth,
      viewportHeight: window.innerHeight,
    };
    finish({ type: 'selection-made', selection });
  });
}

start();
