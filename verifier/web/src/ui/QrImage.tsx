/**
 * The server's QR code SVG shown as an image. A data URL keeps it inert (an SVG image runs no script)
 * and fits a Content-Security-Policy of img-src 'self' data:, with no markup injected into the page.
 */
export function QrImage({ svg, alt }: { svg: string; alt: string }) {
  const source = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  return <img class="qr" src={source} alt={alt} width={220} height={220} />;
}
