import { answer, type FillRequest } from '../fill/fill-page.ts';

/**
 * Injected into every frame of the tab on "Fill": installs one function in the extension's isolated
 * world (page scripts cannot see or call it), which the background then calls per frame with
 * `scripting.executeScript({ func, args })` to look for the code field and to fill it.
 */
declare global {
  var __twoFactorFill: ((request: FillRequest) => unknown) | undefined;
}

globalThis.__twoFactorFill = (request: FillRequest) => answer(document, request);
