import { describe, expect, it } from 'vitest';
import { MemoryArea } from '../../test-support/memory-area.ts';
import { expectSelectionFrom, fromExtensionPage, takeSelectionSender } from './senders.ts';

const ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('message senders', () => {
  it('takes popup requests only from the extension’s own pages', () => {
    expect(fromExtensionPage({ id: ID, url: `${ORIGIN}popup.html` }, ID, ORIGIN)).toBe(true);
    expect(fromExtensionPage({ id: ID, url: `${ORIGIN}popup.html`, tab: { id: 4 } }, ID, ORIGIN)).toBe(true);
    // A content script's messages carry the extension's id but the web page's address.
    expect(fromExtensionPage({ id: ID, url: 'https://example.test/', tab: { id: 4 } }, ID, ORIGIN)).toBe(
      false,
    );
    expect(fromExtensionPage({ id: 'other', url: `${ORIGIN}popup.html` }, ID, ORIGIN)).toBe(false);
    expect(fromExtensionPage({ id: ID }, ID, ORIGIN)).toBe(false);
  });

  it('acts on a selection only from the top frame of the tab it was started in, and only once', async () => {
    const area = new MemoryArea();
    expect(await takeSelectionSender(area, { tab: { id: 7 }, frameId: 0 })).toBeUndefined();
    await expectSelectionFrom(area, 7);
    expect(await takeSelectionSender(area, { tab: { id: 8 }, frameId: 0 })).toBeUndefined();
    expect(await takeSelectionSender(area, { tab: { id: 7 }, frameId: 3 })).toBeUndefined();
    expect(await takeSelectionSender(area, { tab: { id: 7 }, frameId: 0 })).toBe(7);
    expect(await takeSelectionSender(area, { tab: { id: 7 }, frameId: 0 })).toBeUndefined();
  });
});
