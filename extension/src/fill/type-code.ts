import type { CodeTarget } from './detect.ts';

/**
 * Types a code the way a keyboard would, so pages built on React, Vue or plain listeners all see it:
 * focus, then per character keydown, keypress, beforeinput, the value through the native setter,
 * input, keyup; change at the end. The native setter matters for React, which tracks values it set
 * itself and ignores an input event whose value it already knows. Nothing is submitted.
 */

function setNativeValue(input: HTMLInputElement, value: string): void {
  const view = input.ownerDocument.defaultView;
  const setter = view && Object.getOwnPropertyDescriptor(view.HTMLInputElement.prototype, 'value')?.set;
  if (setter) setter.call(input, value);
  else input.value = value;
}

function keyEvent(input: HTMLInputElement, type: string, key: string): boolean {
  const view = input.ownerDocument.defaultView;
  const Keyboard = view?.KeyboardEvent ?? KeyboardEvent;
  const code = /^[0-9]$/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`;
  return input.dispatchEvent(
    new Keyboard(type, { key, code, bubbles: true, cancelable: true, composed: true }),
  );
}

function inputEvent(input: HTMLInputElement, type: 'beforeinput' | 'input', data: string): boolean {
  const view = input.ownerDocument.defaultView;
  const Input = view?.InputEvent ?? InputEvent;
  return input.dispatchEvent(
    new Input(type, {
      data,
      inputType: 'insertText',
      bubbles: true,
      cancelable: type === 'beforeinput',
      composed: true,
    }),
  );
}

function typeCharacter(input: HTMLInputElement, character: string, valueAfter: string): void {
  keyEvent(input, 'keydown', character);
  keyEvent(input, 'keypress', character);
  inputEvent(input, 'beforeinput', character);
  setNativeValue(input, valueAfter);
  inputEvent(input, 'input', character);
  keyEvent(input, 'keyup', character);
}

/** Replaces the field's text with `text`, typed one character at a time. */
export function typeInto(input: HTMLInputElement, text: string): void {
  input.focus();
  if (input.value !== '') {
    setNativeValue(input, '');
    inputEvent(input, 'input', '');
  }
  let typed = '';
  for (const character of text) {
    typed += character;
    typeCharacter(input, character, typed);
  }
  input.dispatchEvent(new (input.ownerDocument.defaultView?.Event ?? Event)('change', { bubbles: true }));
}

/** Fills the target with the code: the whole code into one field, or one character per box. */
export function fillTarget(target: CodeTarget, code: string): number {
  if (target.kind === 'single') {
    typeInto(target.input, code);
    return 1;
  }
  const characters = Array.from(code);
  const boxes = target.inputs.slice(0, characters.length);
  for (const [index, box] of boxes.entries()) typeInto(box, characters[index] ?? '');
  // Leave the focus on the last box, as typing would; many rows submit nothing until asked.
  boxes.at(-1)?.focus();
  return boxes.length;
}
