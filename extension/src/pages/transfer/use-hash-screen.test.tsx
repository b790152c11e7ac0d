// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { useHashScreen } from './use-hash-screen.ts';

function Probe() {
  const [screen, go] = useHashScreen();
  return (
    <button type="button" onClick={() => go('export')}>
      {screen}
    </button>
  );
}

const shown = () => document.querySelector('button')?.textContent;

describe('the transfer page screen in the address', () => {
  afterEach(() => {
    render(null, document.body);
    history.replaceState(null, '', '#');
  });

  it('opens the screen the address names, and follows a later change', async () => {
    history.replaceState(null, '', '#restore');
    render(<Probe />, document.body);
    expect(shown()).toBe('restore');
    await new Promise((resolve) => setTimeout(resolve, 50));
    location.hash = '#import';
    await expect.poll(shown).toBe('import');
  });

  it('shows a change made while the page was starting, before it listened', async () => {
    history.replaceState(null, '', '#backup');
    // Preact attaches effects after the first paint: the address changes in between.
    render(<Probe />, document.body);
    history.replaceState(null, '', '#import');
    await expect.poll(shown).toBe('import');
  });

  it('puts the screen chosen on the page into the address', async () => {
    render(<Probe />, document.body);
    document.querySelector('button')?.click();
    await expect.poll(shown).toBe('export');
    expect(location.hash).toBe('#export');
  });
});
