import { type CodeMeaning, meaningOf, namesCredential } from './keywords.ts';

/**
 * Finding the field a one-time code goes into, in the order that is least often wrong:
 * `autocomplete="one-time-code"`, then a field whose name, id, placeholder, aria-label or label means
 * a code, then the focused field. A password, e-mail or username field is never a target.
 */

/** One field for the whole code, or a row of one-character boxes that get one character each. */
export type CodeTarget =
  | { kind: 'single'; input: HTMLInputElement; reason: Reason }
  | { kind: 'split'; inputs: HTMLInputElement[]; reason: Reason };

/** Why a field was chosen; earlier reasons are surer. */
export type Reason = 'one-time-code' | 'described' | 'focused';
export const REASON_RANK: Record<Reason, number> = { 'one-time-code': 0, described: 1, focused: 2 };

const TEXT_TYPES = new Set(['', 'text', 'tel', 'number', 'search']);
const CREDENTIAL_AUTOCOMPLETE = /\b(username|email|current-password|new-password|webauthn)\b/;
const SPLIT_MIN = 4;

function isVisible(input: HTMLInputElement): boolean {
  if (input.hidden || input.closest('[hidden]')) return false;
  // checkVisibility() sees display, visibility and content-visibility up the tree where it exists.
  if (typeof input.checkVisibility === 'function') {
    return input.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
  }
  const style = input.ownerDocument.defaultView?.getComputedStyle(input);
  return style?.display !== 'none' && style?.visibility !== 'hidden';
}

function labelText(input: HTMLInputElement): string {
  const texts = Array.from(input.labels ?? [], (label) => label.textContent ?? '');
  const labelledBy = input.getAttribute('aria-labelledby');
  if (labelledBy) {
    for (const id of labelledBy.split(/\s+/)) {
      texts.push(input.ownerDocument.getElementById(id)?.textContent ?? '');
    }
  }
  return texts.join(' ');
}

function descriptions(input: HTMLInputElement): string[] {
  return [
    input.name,
    input.id,
    input.placeholder,
    input.getAttribute('aria-label') ?? '',
    labelText(input),
  ].filter((text) => text !== '');
}

/** A field the extension may type into at all: a visible, editable text-like input, no credential. */
export function isFillable(input: HTMLInputElement): boolean {
  if (!TEXT_TYPES.has(input.getAttribute('type')?.toLowerCase() ?? '')) return false;
  if (input.disabled || input.readOnly || !isVisible(input)) return false;
  const autocomplete = (input.getAttribute('autocomplete') ?? '').toLowerCase();
  if (CREDENTIAL_AUTOCOMPLETE.test(autocomplete)) return false;
  if (autocomplete.includes('one-time-code')) return true;
  return !descriptions(input).some((text) => namesCredential(text) && meaningOf(text) !== 'code');
}

function meaning(input: HTMLInputElement): CodeMeaning {
  const meanings = descriptions(input).map(meaningOf);
  if (meanings.includes('other-code')) return 'other-code';
  return meanings.includes('code') ? 'code' : 'none';
}

const isOneCharBox = (input: HTMLInputElement) => input.maxLength === 1;

/**
 * The row of one-character boxes that `input` belongs to: fillable one-character inputs under the
 * nearest ancestor that holds at least four of them, in document order.
 */
function splitRow(input: HTMLInputElement): HTMLInputElement[] | null {
  if (!isOneCharBox(input)) return null;
  for (let parent = input.parentElement; parent; parent = parent.parentElement) {
    const row = Array.from(parent.querySelectorAll('input')).filter(
      (other) => isOneCharBox(other) && isFillable(other),
    );
    if (row.length >= SPLIT_MIN) return row;
    if (parent.tagName === 'FORM') break;
  }
  return null;
}

function targetFor(input: HTMLInputElement, reason: Reason): CodeTarget {
  const row = splitRow(input);
  return row ? { kind: 'split', inputs: row, reason } : { kind: 'single', input, reason };
}

function focusedInput(root: Document, inputs: HTMLInputElement[]): HTMLInputElement | undefined {
  const focused = root.activeElement;
  return inputs.find((input) => input === focused);
}

/**
 * The code field of `root`, or null when there is none that is sure enough to type a code into.
 * `preferFocused`: the user pointed at a field (the context menu), so a fillable focused field wins.
 */
export function findCodeTarget(root: Document, { preferFocused = false } = {}): CodeTarget | null {
  const inputs = Array.from(root.querySelectorAll('input')).filter(isFillable);
  const focused = focusedInput(root, inputs);
  if (preferFocused && focused && meaning(focused) !== 'other-code') return targetFor(focused, 'focused');
  const marked = inputs.find((input) =>
    (input.getAttribute('autocomplete') ?? '').toLowerCase().includes('one-time-code'),
  );
  if (marked) return targetFor(marked, 'one-time-code');
  const described = inputs.find((input) => meaning(input) === 'code');
  if (described) return targetFor(described, 'described');
  // A row of one-character boxes says "code" by its shape even without a word.
  for (const input of inputs) {
    const row = splitRow(input);
    if (row && meaning(input) !== 'other-code') return { kind: 'split', inputs: row, reason: 'described' };
  }
  return focused ? targetFor(focused, 'focused') : null;
}
