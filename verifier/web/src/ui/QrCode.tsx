import { useLayoutEffect, useRef } from 'preact/hooks';
import { safeSvg } from './safeSvg.ts';

/** The server's QR code drawn in the page (see safeSvg for why not as an image), announced as one image. */
export function QrCode({ svg, label }: { svg: string; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const drawing = safeSvg(svg);
    if (!box.current) return;
    if (drawing) {
      drawing.setAttribute('aria-hidden', 'true');
      drawing.setAttribute('focusable', 'false');
      box.current.replaceChildren(drawing);
    } else {
      box.current.textContent = 'The QR code cannot be shown. Enter the text code instead.';
    }
  }, [svg]);
  return <div class="qr" role="img" aria-label={label} ref={box} />;
}
