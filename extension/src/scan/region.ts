/** A rectangle in CSS pixels of the page's viewport, as the user dragged it. */
export interface CssRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the selection overlay reports: the rectangle plus what is needed to map it onto the capture. */
export interface Selection {
  rect: CssRect;
  devicePixelRatio: number;
  viewportWidth: number;
  viewportHeight: number;
}

export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Maps a CSS-pixel selection onto the captured image. The scale is taken from the capture itself
 * (image width / viewport width) because page zoom and device pixel ratio both change it; the
 * reported devicePixelRatio is the fallback when the viewport width is unknown. Clamped to the image.
 */
export function selectionToPixels(selection: Selection, imageWidth: number, imageHeight: number): PixelRect {
  const scale =
    selection.viewportWidth > 0
      ? imageWidth / selection.viewportWidth
      : Math.max(selection.devicePixelRatio, 1);
  const left = Math.min(imageWidth, Math.max(0, Math.floor(selection.rect.x * scale)));
  const top = Math.min(imageHeight, Math.max(0, Math.floor(selection.rect.y * scale)));
  const right = Math.min(imageWidth, Math.ceil((selection.rect.x + selection.rect.width) * scale));
  const bottom = Math.min(imageHeight, Math.ceil((selection.rect.y + selection.rect.height) * scale));
  return { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}

/** Selections smaller than this (CSS px) are treated as a click, not a drag. */
export const MIN_SELECTION_CSS_PX = 8;
