// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { CodeInput } from './CodeInput.tsx';

function Harness({ digits }: { digits: number }) {
  const [value, setValue] = useState('');
  return (
    <>
      <CodeInput id="code" label="Authentication code" digits={digits} value={value} onValue={setValue} />
      <output data-testid="state">{value}</output>
    </>
  );
}

afterEach(cleanup);

describe('the code field', () => {
  it('opens the numeric keypad, suggests one-time codes and is labelled', () => {
    render(<Harness digits={6} />);
    const input = screen.getByLabelText('Authentication code') as HTMLInputElement;
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(input.type).toBe('text');
  });

  it('never holds more digits than the credential has', () => {
    render(<Harness digits={8} />);
    const input = screen.getByLabelText('Authentication code') as HTMLInputElement;
    expect(input.maxLength).toBe(8);
    fireEvent.input(input, { target: { value: '1234567890' } });
    expect(input.value).toBe('12345678');
    expect(screen.getByTestId('state').textContent).toBe('12345678');
  });

  it('drops letters, spaces and dashes as they are typed', () => {
    render(<Harness digits={6} />);
    const input = screen.getByLabelText('Authentication code') as HTMLInputElement;
    fireEvent.input(input, { target: { value: '12a 3-4' } });
    expect(input.value).toBe('1234');
    expect(screen.getByTestId('state').textContent).toBe('1234');
  });

  it('shows the digits as typed rather than masking them', () => {
    render(<Harness digits={6} />);
    const input = screen.getByLabelText('Authentication code') as HTMLInputElement;
    fireEvent.input(input, { target: { value: '402913' } });
    expect(input.type).not.toBe('password');
    expect(input.value).toBe('402913');
  });
});
