import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import { launchChromium, screenshotDir } from '../helpers/chromium';
import { startSeededTestServer, type TestServer } from '../helpers/server';

describe('GraphiQL in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startSeededTestServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads from local assets under the Content-Security-Policy and runs the first example query', async () => {
    await page.goto(`${server.base}/graphiql`);
    await page
      .locator('.graphiql-execute-button')
      .waitFor({ timeout: 8000 })
      .catch((error: unknown) => {
        throw new Error(`GraphiQL did not start: ${problems.join(' | ')} (${String(error)})`);
      });
    expect(await page.locator('.graphiql-tab').count()).toBeGreaterThanOrEqual(6);
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.result-window').getByText('"totalCount": 9').waitFor();
    expect(problems).toEqual([]);
    const screenshots = screenshotDir();
    await page.screenshot({ path: path.join(screenshots, 'graphiql.png') });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: path.join(screenshots, 'graphiql-360.png') });
  });
});
