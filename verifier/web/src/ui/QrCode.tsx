import { useMemo } from 'preact/hooks';
import { qrPath } from '../../../../shared/qr-path.ts';

/**
 * The otpauth URI's QR code drawn by the page itself as one SVG path: the server sends only the URI,
 * so no markup from the server is placed in the page, and nothing the page's CSP forbids is needed.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const path = useMemo(() => qrPath(text), [text]);
  return (
    <div class="qr">
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${path.size} ${path.size}`}
        shape-rendering="crispEdges"
      >
        <rect width={path.size} height={path.size} fill="#fff" />
        <path d={path.d} fill="#000" />
      </svg>
    </div>
  );
}
