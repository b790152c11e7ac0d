/**
 * The list's keyboard: `/` (outside a text field) goes to the search field; ArrowDown and ArrowUp
 * move between the search field and the code buttons. Enter on a code button copies it as a
 * click does, which the browser already gives every button.
 */

const TYPING = 'input, textarea, select, [contenteditable="true"]';

/** The search field and the enabled code buttons, top to bottom. */
function stops(list: HTMLElement): HTMLElement[] {
  return [...list.querySelectorAll<HTMLElement>('input.search, .code-button:not(:disabled)')];
}

/** For a keydown anywhere in the popup: `/` focuses the search field. True when it was handled. */
export function focusSearchOnSlash(event: KeyboardEvent, list: HTMLElement): boolean {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target as Element | null;
  if (target?.closest(TYPING)) return false;
  const search = list.querySelector<HTMLInputElement>('input.search');
  if (!search) return false;
  search.focus();
  return true;
}

/** For a keydown inside the list: the arrows move focus one stop. True when it was handled. */
export function moveFocusWithArrows(event: KeyboardEvent, list: HTMLElement): boolean {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return false;
  const all = stops(list);
  const at = all.indexOf(event.target as HTMLElement);
  if (at === -1) return false;
  const next = all[at + (event.key === 'ArrowDown' ? 1 : -1)];
  next?.focus();
  return true;
}
