// The enrollment QR code arrives as SVG markup. The page's Content-Security-Policy allows images from
// this origin only (no data: or blob: URLs), so the markup is placed in the page, but only after it is
// parsed and reduced to the drawing elements and attributes a QR code needs: no script, no event
// handler, no link, no style can come through even if the server were made to send one.

const allowedElements = new Set(['svg', 'g', 'path', 'rect']);
const allowedAttributes = new Set([
  'xmlns',
  'viewBox',
  'width',
  'height',
  'd',
  'fill',
  'stroke',
  'stroke-width',
  'shape-rendering',
  'x',
  'y',
]);
const svgNamespace = 'http://www.w3.org/2000/svg';

/** A clean copy of the SVG drawing, or null when the markup is not a plain SVG drawing. */
export function safeSvg(markup: string, document: Document = window.document): SVGSVGElement | null {
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = parsed.documentElement;
  if (root?.localName !== 'svg' || root.namespaceURI !== svgNamespace) return null;
  if (parsed.getElementsByTagName('parsererror').length > 0) return null;
  return copyElement(root, document) as SVGSVGElement | null;
}

function copyElement(source: Element, document: Document): Element | null {
  if (source.namespaceURI !== svgNamespace || !allowedElements.has(source.localName)) return null;
  const copy = document.createElementNS(svgNamespace, source.localName);
  for (const attribute of Array.from(source.attributes)) {
    if (attribute.namespaceURI !== null || !allowedAttributes.has(attribute.name)) continue;
    if (/url\s*\(|javascript:/i.test(attribute.value)) continue;
    copy.setAttribute(attribute.name, attribute.value);
  }
  for (const child of Array.from(source.children)) {
    const kept = copyElement(child, document);
    if (kept) copy.appendChild(kept);
  }
  return copy;
}
