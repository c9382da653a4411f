import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (installed by .ci/run); CHROMIUM_PATH points elsewhere. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium driven by playwright-core. The flags keep it off the network this machine
 * does not have (background services, QUIC, component updates) and let it run as root.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Where the browser tests write their screenshots: a temporary folder, so a test run never
 * changes tracked files; `npm run screenshots` sets SCREENSHOTS_DIR=docs/screenshots to update them.
 */
export function screenshotDir(): string {
  const dir = process.env.SCREENSHOTS_DIR
    ? path.resolve(process.env.SCREENSHOTS_DIR)
    : mkdtempSync(path.join(os.tmpdir(), 'screenshots-'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Pairs of visible texts on the page whose boxes overlap, and texts that run past the viewport's
 * right edge: what a reader cannot read. Only the visible part of a text counts (a scrolling list
 * hides the rest). A text is an element with text of its own (not only
 * in its children), and one nested in another is part of it; each is named by its first 30
 * characters.
 */
export async function overlappingTexts(page: Page, within = 'body'): Promise<string[]> {
  return page.evaluate((root) => {
    const boxes: { element: Element; text: string; box: DOMRect }[] = [];
    for (const element of Array.from(document.querySelectorAll(`${root} *`))) {
      const own = Array.from(element.childNodes).some((node) => node.nodeType === 3 && node.textContent?.trim());
      if (!own) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      // What a scrolling or clipping ancestor hides is not on screen: keep the visible part.
      let box = element.getBoundingClientRect();
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const overflow = getComputedStyle(parent);
        if (overflow.overflowX === 'visible' && overflow.overflowY === 'visible') continue;
        const clip = parent.getBoundingClientRect();
        const left = Math.max(box.left, clip.left);
        const top = Math.max(box.top, clip.top);
        box = new DOMRect(left, top, Math.min(box.right, clip.right) - left, Math.min(box.bottom, clip.bottom) - top);
      }
      if (box.width <= 0 || box.height <= 0) continue;
      boxes.push({ element, text: (element.textContent ?? '').trim().slice(0, 30), box });
    }
    const problems: string[] = [];
    for (const { text, box } of boxes)
      if (box.right > window.innerWidth + 1) problems.push(`${text} runs off the page`);
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        // A text inside another (a link in its sentence) is part of it, not over it.
        if (a.element.contains(b.element) || b.element.contains(a.element)) return;
        const overlap =
          Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left) > 1 &&
          Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top) > 1;
        if (overlap) problems.push(`"${a.text}" overlaps "${b.text}"`);
      }),
    );
    return problems;
  }, within);
}
