// Privacy: after loading its own files, the page makes no request at all while a person pastes,
// edits, imports, exports, copies and reloads. Every request is recorded, and any address other
// than the page's own origin would also be blocked here and reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, paste, dragSelect, marks } from './harness.mjs';

const env = servedApp();

test('no request leaves the page, from loading to export', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
  const requests = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return url.startsWith(env.server.origin) ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  const served = env.server.requests.length;
  await page.goto(env.server.origin + '/');
  await page.getByRole('textbox', { name: 'Article text' }).click();
  const afterLoad = env.server.requests.length;
  assert.ok(afterLoad > served, 'the app loaded its own files');

  await paste(page, 'Angela Merkel met Sergei Lavrov in Vienna on 3 May, with 40 aides.');
  await page.locator('#article mark').first().waitFor();
  await dragSelect(page, 0, 6);
  await page.keyboard.press('1');
  await page.keyboard.press('Control+z');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles([{ name: 'more.txt', mimeType: 'text/plain', buffer: Buffer.from('Kerry flew to Paris.') }]);
  await page.getByRole('heading', { name: 'Documents (2)' }).waitFor();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export JSON/ }).click()]);
  await page.getByRole('combobox', { name: 'Export format' }).selectOption('brat');
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all documents' }).click()]);
  await page.getByRole('button', { name: 'Copy JSON to the clipboard' }).click();
  await page.getByText('Copied the JSON to the clipboard').waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Documents (2)' }).waitFor();
  assert.ok((await marks(page)).length > 0);

  const own = (u) => u.startsWith(env.server.origin) || u.startsWith('blob:') || u.startsWith('data:');
  assert.deepEqual(requests.filter((u) => !own(u)), [], 'nothing but the page\'s own origin');
  // After the first load, the server saw nothing but the reload of the same files.
  const later = env.server.requests.slice(afterLoad);
  const files = new Set(env.server.requests.slice(served, afterLoad));
  assert.ok(later.every((u) => files.has(u)), `only the app's own files again: ${later}`);
  await context.close();
});
