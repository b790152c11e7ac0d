import { useMemo } from 'preact/hooks';
import { qrPath } from '../../../../shared/qr-path.ts';

export interface QrCodeProps {
  text: string;
  label: string;
  /** Rendered width and height in CSS pixels. */
  size?: number;
}

/** A QR code drawn as one SVG path: crisp at any zoom, and no canvas or data URL holding the secret. */
export function QrCode({ text, label, size = 260 }: QrCodeProps) {
  const path = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      class="qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${path.size} ${path.size}`}
      shape-rendering="crispEdges"
    >
      <rect width={path.size} height={path.size} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}
