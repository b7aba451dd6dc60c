// Files from elsewhere cannot restyle or script the page: a label colour that is not #rrggbb
// never reaches a style attribute (the label gets a palette colour and the person is told),
// and a label name made of markup is shown as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openApp } from './harness.mjs';

const env = servedApp();

const HOSTILE = 'red;position:fixed;inset:0;z-index:9';
const NAME = '<img src=x onerror="window.owned=1">';

test('a hostile label colour never reaches a style attribute; a hostile name is text', async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  const json = JSON.stringify({
    version: 1,
    text: 'Kerry works at IBM.',
    spans: [{ start: 0, end: 5, label: 'PERSON' }, { start: 15, end: 18, label: NAME }],
    labels: [{ name: 'PERSON', color: HOSTILE, hotkey: '1' }, { name: NAME, color: 'url(x)' }],
  });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles([{ name: 'shared.json', mimeType: 'application/json', buffer: Buffer.from(json) }]);
  await page.getByText(/is not a #rrggbb colour/).first().waitFor();
  const styles = await page.evaluate(() =>
    [...document.querySelectorAll('[style]')].map((e) => e.getAttribute('style')));
  assert.ok(styles.some((s) => s.includes('--label-color')), 'labels are drawn with colours');
  for (const s of styles) {
    assert.doesNotMatch(s, /position|inset|url\(|z-index/, s);
    for (const m of s.matchAll(/--label-color:\s*([^;]*)/g)) assert.match(m[1].trim(), /^#[0-9a-fA-F]{6}$/);
  }
  assert.equal(await page.evaluate(() => window.owned), undefined);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.ok((await page.getByText(NAME, { exact: true }).count()) > 0, 'the name is shown as text');
  assert.deepEqual(errors, []);
});
