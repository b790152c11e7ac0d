import QRCode from 'qrcode';

/** Light modules around the code that scanners need to find it (ISO/IEC 18004 §6.3.8). */
export const QUIET_ZONE = 4;

export interface QrPath {
  /** Width and height in modules, quiet zone included. */
  size: number;
  /** SVG path data with one `M x y h w v1 h-w z` run per horizontal stretch of dark modules. */
  d: string;
}

/**
 * The QR code of `text` as SVG path data. Drawing it as SVG keeps secrets out of canvases and data
 * URLs and needs nothing the extension's content security policy forbids.
 */
export function qrPath(text: string): QrPath {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        const width = col - start;
        runs.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${width}v1h-${width}z`);
        start = -1;
      }
    }
  }
  return { size: modules.size + 2 * QUIET_ZONE, d: runs.join('') };
}
