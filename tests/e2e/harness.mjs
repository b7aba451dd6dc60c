// Shared set-up for the end-to-end tests: a static server for dist/ on 127.0.0.1 that records
// every request, and Debian's Chromium started headless for a closed network.
import { createServer } from 'node:http';
import { readFile, mkdtemp } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

// SPANLIGHT_DIST serves another build (a benchmark's "before").
const DIST = resolve(process.env.SPANLIGHT_DIST ?? resolve(import.meta.dirname, '../../dist'));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export async function serveDist() {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    const path = new URL(req.url, 'http://x').pathname;
    const file = normalize(join(DIST, path === '/' ? 'index.html' : decodeURIComponent(path)));
    if (!file.startsWith(DIST)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, requests, close: () => new Promise((ok) => server.close(ok)) };
}

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export async function launch() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return browser;
}

/** A fresh page on the app, with downloads accepted and the clipboard allowed. */
export async function openApp(browser, origin) {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  const pageRequests = [];
  page.on('request', (r) => pageRequests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(origin + '/');
  await page.getByRole('textbox', { name: 'Article text' }).waitFor();
  return { context, page, pageRequests, errors };
}

/** Pastes `text` into the focused element the way a person does: clipboard, then Ctrl+V. */
export async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}

/** Drags the mouse over code points [start, end) of the article, as a person selects text. */
export async function dragSelect(page, start, end) {
  const box = await page.evaluate(([s, e]) => {
    const root = document.getElementById('article');
    const text = root.textContent;
    const cps = Array.from(text);
    const u16 = (cp) => cps.slice(0, cp).join('').length;
    const point = (target) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let left = target;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (left < n.length) return [n, left];
        left -= n.length;
      }
      throw new Error('offset past the end');
    };
    const rectOf = (cp) => {
      const [node, off] = point(u16(cp));
      const r = document.createRange();
      r.setStart(node, off);
      r.setEnd(node, off + cps[cp].length);
      const rect = r.getBoundingClientRect();
      return { x: rect.left, y: rect.top + rect.height / 2, w: rect.width };
    };
    const a = rectOf(s);
    const b = rectOf(e - 1);
    return { x1: a.x + 1, y1: a.y, x2: b.x + b.w - 1, y2: b.y };
  }, [start, end]);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

/** Every highlight as the page shows it. */
export async function marks(page) {
  return page.$$eval('#article mark', (ms) =>
    ms.map((m) => ({
      label: m.dataset.label,
      start: Number(m.dataset.start),
      end: Number(m.dataset.end),
      status: m.dataset.status,
      text: m.textContent,
    })),
  );
}

/** Code points [start, end) of `text`, as every exporter counts them. */
export const cpSlice = (text, start, end) => Array.from(text).slice(start, end).join('');
export const cpIndex = (text, needle) => Array.from(text.slice(0, text.indexOf(needle))).length;

export async function tempDir() {
  return mkdtemp(join(tmpdir(), 'spanlight-e2e-'));
}

/** Serves dist/ and starts Chromium once for the calling test file, and closes both after it. */
export function servedApp() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serveDist();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
