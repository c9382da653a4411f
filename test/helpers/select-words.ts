import type { Page } from 'playwright-core';

/**
 * Selects the first occurrence of `quote` in the workbench's shown text (`#source-text`), as a
 * drag of the mouse does, and lets the page see the mouse-up. Throws when the text lacks it.
 */
export async function selectWords(page: Page, quote: string): Promise<void> {
  const found = await page.evaluate((wanted) => {
    const container = document.getElementById('source-text') as HTMLElement;
    const at = (container.textContent ?? '').indexOf(wanted);
    if (at < 0) return false;
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent?.length ?? 0;
      if (seen <= at && at < seen + length) range.setStart(node, at - seen);
      if (seen < at + wanted.length && at + wanted.length <= seen + length)
        range.setEnd(node, at + wanted.length - seen);
      seen += length;
    }
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    container.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    return true;
  }, quote);
  if (!found) throw new Error(`the shown text has no "${quote}" to select`);
}
