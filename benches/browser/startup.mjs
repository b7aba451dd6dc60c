// Scripted browser benchmark: the page's own start, on an empty store. Opens the app in a fresh
// context N times (default 10) and prints, for each, when the article box was there (ms from
// navigation start) and every main-thread task over 50 ms until a second after, with when it
// began. Usage: node benches/browser/startup.mjs [N]; with PROFILE=out.cpuprofile the first
// start is also profiled (read it with `node benches/browser/tasks.mjs out.cpuprofile`).
import { writeFileSync } from 'node:fs';
import { serveDist, launch } from '../../tests/e2e/harness.mjs';
import { recordLongTasksFromStart } from './latency.mjs';

const runs = Number(process.argv[2] ?? 10);
const server = await serveDist();
const browser = await launch();
try {
  const all = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const recorded = await recordLongTasksFromStart(page);
    const cdp = process.env.PROFILE && i === 0 ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.goto(server.origin + '/');
    await page.getByRole('textbox', { name: 'Article text' }).waitFor();
    const ready = await page.evaluate(() => Math.round(performance.now()));
    await page.waitForTimeout(1000);
    if (cdp) writeFileSync(process.env.PROFILE, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const tasks = await recorded.read();
    all.push(tasks.length);
    console.log(`start ${i + 1}: article box at ${ready} ms; tasks over 50 ms: ${tasks.length ? tasks.join(', ') + ' ms' : 'none'}`);
    await context.close();
  }
  console.log(`starts with a task over 50 ms: ${all.filter((n) => n > 0).length} of ${runs}`);
} finally {
  await browser.close();
  await server.close();
}
