// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { findCodeTarget } from './detect.ts';
import { fill } from './fill-page.ts';

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

function chosen(html: string, options?: { preferFocused?: boolean }): string[] | null {
  const target = findCodeTarget(page(html), options);
  if (!target) return null;
  return target.kind === 'single' ? [target.input.id] : target.inputs.map((input) => input.id);
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('finding the one-time-code field', () => {
  it('takes the field marked autocomplete="one-time-code" before one that is only named like a code', () => {
    expect(
      chosen(
        `<input id="named" name="otp"><input id="marked" autocomplete="one-time-code" inputmode="numeric">`,
      ),
    ).toEqual(['marked']);
  });

  it('takes a tel field with autocomplete=off whose label says verification code', () => {
    expect(
      chosen(
        `<input id="user" name="username"><label for="c">Verification code</label><input id="c" type="tel" autocomplete="off">`,
      ),
    ).toEqual(['c']);
  });

  it.each([
    ['name', '<input id="f" name="totp_code">'],
    ['id', '<input id="twoFactorCode">'],
    ['placeholder', '<input id="f" placeholder="6-digit code">'],
    ['aria-label', '<input id="f" aria-label="Authenticator code">'],
    ['a wrapping label', '<label>Security code <input id="f"></label>'],
    ['aria-labelledby', '<span id="l">One-time passcode</span><input id="f" aria-labelledby="l">'],
  ])('reads a code field from its %s', (_, html) => {
    expect(chosen(html)).not.toBeNull();
  });

  it.each([
    ['postal code', '<input id="f" name="postal_code">'],
    ['ZIP code', '<input id="f" placeholder="ZIP code">'],
    ['coupon code', '<label>Coupon code <input id="f"></label>'],
    ['promo code', '<input id="f" name="promoCode">'],
    ['captcha code', '<input id="f" aria-label="Captcha code">'],
  ])('never takes a %s field for the one-time code', (_, html) => {
    expect(chosen(html)).toBeNull();
  });

  it('never takes a password, e-mail or username field, even focused', () => {
    for (const html of [
      '<input id="f" type="password" autocomplete="one-time-code">',
      '<input id="f" type="email">',
      '<input id="f" name="username">',
      '<input id="f" autocomplete="username">',
      '<input id="f" name="user_email">',
    ]) {
      const doc = page(html);
      doc.getElementById('f')?.focus();
      expect(findCodeTarget(doc), html).toBeNull();
    }
  });

  it('falls back to the focused field when nothing says code', () => {
    const doc = page('<input id="a"><input id="b">');
    doc.getElementById('b')?.focus();
    const target = findCodeTarget(doc);
    expect(target?.kind === 'single' && target.input.id).toBe('b');
  });

  it('prefers the focused field when the user pointed at it (context menu)', () => {
    const doc = page('<input id="a" autocomplete="one-time-code"><input id="b" name="something">');
    doc.getElementById('b')?.focus();
    const target = findCodeTarget(doc, { preferFocused: true });
    expect(target?.kind === 'single' && target.input.id).toBe('b');
  });

  it('finds no field on a page that has none to offer, so the user is told', () => {
    expect(chosen('<input id="a" name="search">')).toBeNull();
    expect(chosen('<input id="a" type="hidden" name="otp"><input id="b" name="otp2" disabled>')).toBeNull();
  });

  it('sees six one-digit boxes as one code field, with or without a word', () => {
    const boxes = [1, 2, 3, 4, 5, 6].map((n) => `<input id="d${n}" maxlength="1" inputmode="numeric">`);
    expect(chosen(`<form><div>${boxes.join('')}</div></form>`)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
    const marked = boxes.map((box, i) =>
      i === 0 ? box.replace('>', ' autocomplete="one-time-code">') : box,
    );
    expect(chosen(`<div>${marked.join('')}</div>`)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
  });
});

describe('filling the code', () => {
  it('gives each of six boxes one digit and fires input events the page hears', () => {
    const doc = page(
      [1, 2, 3, 4, 5, 6].map((n) => `<input id="d${n}" maxlength="1" name="digit${n}">`).join(''),
    );
    const heard: string[] = [];
    doc.addEventListener('input', (event) => heard.push((event.target as HTMLInputElement).value));
    expect(fill(doc, '492039', false)).toEqual({ filled: true, fields: 6, kind: 'split' });
    const values = Array.from(doc.querySelectorAll('input'), (input) => input.value);
    expect(values).toEqual(['4', '9', '2', '0', '3', '9']);
    expect(heard).toEqual(['4', '9', '2', '0', '3', '9']);
  });

  it('types into one field with key, input and change events, leaving the password empty', () => {
    const doc = page('<input id="p" type="password"><input id="c" name="otp" value="old">');
    const events: string[] = [];
    const code = doc.getElementById('c') as HTMLInputElement;
    for (const type of ['keydown', 'keyup', 'beforeinput', 'input', 'change']) {
      code.addEventListener(type, () => events.push(type));
    }
    expect(fill(doc, '123456', false)).toEqual({ filled: true, fields: 1, kind: 'single' });
    expect(code.value).toBe('123456');
    expect((doc.getElementById('p') as HTMLInputElement).value).toBe('');
    expect(events.filter((type) => type === 'keyup')).toHaveLength(6);
    expect(events.at(-1)).toBe('change');
    expect(events).toContain('beforeinput');
  });

  it('submits nothing', () => {
    const doc = page('<form id="f"><input name="otp"><button>Verify</button></form>');
    let submitted = false;
    doc.getElementById('f')?.addEventListener('submit', (event) => {
      submitted = true;
      event.preventDefault();
    });
    fill(doc, '123456', false);
    expect(submitted).toBe(false);
  });
});
