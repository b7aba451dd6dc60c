// The largest article the page opens: imports one .txt article of each size given (in MB) on a
// fresh page of the release build, and reports whether it opened (highlighted, no crash), how
// long that took, and the wasm memory it left (its peak: wasm memory never shrinks). BENCHMARKS.md records the figures, and
// intake::MAX_TEXT_BYTES is set from them. Run after `trunk build --release`:
//   node benches/browser/size.mjs 5 10 20
// With --paste the article is pasted on the page instead, and the script reports paste → text
// shown, paste → highlighted and the main thread's longest task meanwhile:
//   node benches/browser/size.mjs --paste 19.6     (TASKS=1 also lists every long task, in ms,
//   until the spans are saved too; PROFILE=out.cpuprofile records Chromium's CPU profile from
//   the paste to then, for benches/browser/tasks.mjs to name what each long task was)
// --txt measures the same for the article imported as a .txt file chosen from disk.
// --split imports an article over the limit (up to the 50 MB file limit) as a .txt, takes the
// offer to split it into documents of up to 1 MB, and reports import → offer shown, Split →
// all documents listed, the longest main-thread task of each, and the wasm memory's peak:
//   node benches/browser/size.mjs --split 30 50
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, openApp } from '../../tests/e2e/harness.mjs';
import { longArticle } from './article.mjs';
import { recordLongTasks } from './latency.mjs';

const pasting = process.argv.includes('--paste');
const fromDisk = process.argv.includes('--txt');
const splitting = process.argv.includes('--split');
const sizes = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
const dir = mkdtempSync(join(tmpdir(), 'spanlight-size-'));
const server = await serveDist();
const browser = await launch();
const base = longArticle(200000);
try {
  for (const mb of sizes.length ? sizes : [5, 10, 20]) {
    const n = Math.round(mb * 1e6);
    const text = base.repeat(Math.ceil(n / base.length)).slice(0, n);
    const { page, context } = await openApp(browser, server.origin);
    // The wasm memory is only reachable from trunk's start event: keep it, then load again.
    await context.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => {
      window.wasmMemory = e.detail.wasm.memory;
    }));
    await page.reload();
    await page.getByRole('textbox', { name: 'Article text' }).waitFor();
    let crashed = false;
    page.on('crash', () => { crashed = true; });
    if (splitting) {
      // From disk, as --txt does: a file handed over as a buffer is decoded on the page's thread.
      const path = join(dir, `article-${mb}mb.txt`);
      writeFileSync(path, text);
      await page.waitForTimeout(1000);
      const tasks = await recordLongTasks(page);
      const longestSince = (from) => page.evaluate((i) => Math.max(0, ...window.__longTasks.slice(i)), from);
      const t0 = Date.now();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import files…' }).click();
      await (await chooser).setFiles(path);
      const dialog = page.getByRole('dialog', { name: 'Split into documents' });
      const split = dialog.getByRole('button', { name: /^Split into/ });
      await split.waitFor({ timeout: 600000 });
      const offered = Date.now() - t0;
      const parts = Number((await split.textContent()).replaceAll(',', '').match(/(\d+)/)[1]);
      const before = (await tasks.read()).longest;
      const seen = (await tasks.read()).count;
      const t1 = Date.now();
      await split.click();
      await page.getByRole('heading', { name: `Documents (${parts.toLocaleString('en-US')})` }).waitFor({ timeout: 600000 });
      await page.getByRole('status').getByText(/^Imported /).waitFor({ timeout: 600000 });
      const imported = Date.now() - t1;
      const after = await longestSince(seen);
      const wasmBytes = await page.evaluate(() => window.wasmMemory?.buffer.byteLength ?? 0);
      console.log(`${mb} MB .txt split: offer shown ${(offered / 1000).toFixed(1)} s (longest task ${before.toFixed(0)} ms); Split → ${parts} documents imported ${(imported / 1000).toFixed(1)} s (longest task ${after.toFixed(0)} ms); wasm memory ${(wasmBytes / 1e6).toFixed(0)} MB`);
      await context.close();
      continue;
    }
    if (pasting || fromDisk) {
      // Into the clipboard (or onto disk) first: handing the page 20 MB is the driver's work.
      const path = join(dir, `article-${mb}mb.txt`);
      if (pasting) await page.evaluate((t) => navigator.clipboard.writeText(t), text);
      else writeFileSync(path, text);
      await page.waitForTimeout(1000);
      const tasks = await recordLongTasks(page);
      const cdp = process.env.PROFILE ? await context.newCDPSession(page) : null;
      let anchor = 0;
      if (cdp) {
        // Each long task's start and length, and the page's clock when profiling started, so
        // that tasks.mjs can tell which samples each task holds.
        await page.evaluate(() => {
          window.__taskSpans = [];
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) window.__taskSpans.push([e.startTime, e.duration]);
          }).observe({ type: 'longtask', buffered: false });
        });
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
        // A mark in the profile at a known time of the page's clock: 20 ms in a function of
        // that name.
        anchor = await page.evaluate(() => {
          const profileMark = () => {
            const t = performance.now();
            while (performance.now() - t < 20);
            return t;
          };
          return profileMark();
        });
      }
      await page.evaluate(() => { window.__actionAt = performance.now(); });
      const t0 = Date.now();
      if (pasting) {
        await page.keyboard.press('Control+V');
      } else {
        const chooser = page.waitForEvent('filechooser');
        await page.getByRole('button', { name: 'Import files…' }).click();
        await (await chooser).setFiles(path);
      }
      await page.locator('#article').getByText('GENEVA (Wire)').first().waitFor({ timeout: 600000 });
      const shown = Date.now() - t0;
      await page.locator('#article mark').first().waitFor({ timeout: 600000 });
      const highlighted = Date.now() - t0;
      if (process.env.TASKS || cdp) {
        // The spans' save follows the highlights: wait for it, so its tasks are counted too.
        await page.waitForTimeout(500);
        await page.locator('.save-state[data-state="saved"]').waitFor({ timeout: 600000 });
        await page.waitForTimeout(500);
      }
      if (cdp) {
        const { profile } = await cdp.send('Profiler.stop');
        profile.pageClockAtStart = anchor;
        profile.longTasks = await page.evaluate(() => window.__taskSpans);
        writeFileSync(process.env.PROFILE, JSON.stringify(profile));
      }
      const { count, longest } = await tasks.read();
      // Each task's length, and when it began: ms after the paste or the file's choosing.
      if (process.env.TASKS) console.log(await page.evaluate(() => window.__longTasks.map((d, i) => `${Math.round(d)} (at ${Math.round(window.__longTaskStarts[i] - window.__actionAt)})`)));
      console.log(`${mb} MB ${pasting ? 'pasted' : 'imported as .txt'}: text shown ${(shown / 1000).toFixed(1)} s, highlighted ${(highlighted / 1000).toFixed(1)} s; main-thread tasks over 50 ms: ${count}, longest ${longest.toFixed(0)} ms`);
      await context.close();
      continue;
    }
    const t0 = Date.now();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import files…' }).click();
    await (await chooser).setFiles([{ name: `article-${mb}mb.txt`, mimeType: 'text/plain', buffer: Buffer.from(text) }]);
    let outcome;
    try {
      outcome = await Promise.race([
        page.locator('#article mark').first().waitFor({ timeout: 600000 }).then(() => 'opened'),
        page.getByRole('alert').first().waitFor({ timeout: 600000 }).then(async () => `refused: ${await page.getByRole('alert').first().textContent()}`),
      ]);
    } catch (e) {
      outcome = crashed ? 'CRASHED' : `failed: ${String(e).slice(0, 120)}`;
    }
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    let memory = '';
    if (!crashed) {
      const cdp = await context.newCDPSession(page);
      const { metrics } = await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] }));
      const heap = metrics.find((m) => m.name === 'JSHeapTotalSize');
      memory = heap ? `, JS heap ${(heap.value / 1e6).toFixed(0)} MB` : '';
      // Wasm memory only grows, so its size now is the peak of the import.
      const wasmBytes = await page.evaluate(() => window.wasmMemory?.buffer.byteLength ?? 0);
      memory += `, wasm memory ${(wasmBytes / 1e6).toFixed(0)} MB`;
    }
    console.log(`${mb} MB article: ${outcome.slice(0, 200)} after ${secs} s${memory}`);
    await context.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await browser.close();
  await server.close();
}
