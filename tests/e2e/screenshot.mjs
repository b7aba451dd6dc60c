// Makes docs/screenshot.png: the sample article with a span selected. `node screenshot.mjs`
// after `trunk build --release`.
import { resolve } from 'node:path';
import { serveDist, launch, openApp } from './harness.mjs';

const server = await serveDist();
const browser = await launch();
try {
  const { page } = await openApp(browser, server.origin);
  await page.setViewportSize({ width: 1200, height: 760 });
  await page.getByRole('button', { name: 'Load sample article' }).first().click();
  await page.locator('#article mark').first().waitFor();
  await page.locator('#article mark[data-label="PERSON"]').first().click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: resolve(import.meta.dirname, '../../docs/screenshot.png') });
} finally {
  await browser.close();
  await server.close();
}
