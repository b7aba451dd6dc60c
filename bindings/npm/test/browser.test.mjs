// The npm package in a browser: its browser entry imported by a page in Chromium (as a bundler
// or a <script type=module> would), giving the same spans as in Node.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { launch } from '../../../tests/e2e/harness.mjs';
import { PACKAGE, TEXTS, cliSpans } from './cli.mjs';

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

test('in Chromium, the browser entry recognises as the CLI does', async () => {
  const server = createServer(async (req, res) => {
    const path = req.url === '/' ? '/index.html' : req.url;
    if (path === '/index.html') { res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>t</title>'); return; }
    try {
      const body = await readFile(join(PACKAGE, path.replace(/^\/+/, '')));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch { res.writeHead(404).end(); }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const browser = await launch();
  after(async () => { await browser.close(); server.close(); });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const got = await page.evaluate(async (texts) => {
    const s = await import('/browser.js');
    let error;
    try { s.recognize(7); } catch (e) { error = e instanceof Error && e.message; }
    return { spans: texts.map((t) => s.recognize(t, { units: 'codepoints' })), version: s.version, error };
  }, TEXTS);
  assert.deepEqual(got.spans, cliSpans(TEXTS));
  assert.match(got.version, /^\d+\.\d+\.\d+/);
  assert.match(got.error, /text must be a string/);
});
