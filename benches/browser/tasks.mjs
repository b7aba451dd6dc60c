// Names what each long main-thread task of a CPU profile was: reads a profile written by
// `PROFILE=out.cpuprofile node benches/browser/size.mjs --paste 19.6` and, for every stretch
// of samples without idle of over 50 ms, prints its length and the functions that took most of
// it (self time, and the wasm-bindgen imports and exports it went through). A profile that
// carries the page's long tasks is read task by task instead.
//   node benches/browser/tasks.mjs out.cpuprofile
import { readFileSync } from 'node:fs';

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const LONG = Number(process.env.LONG ?? 50);
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => {
  const f = n.callFrame;
  return `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.split('/').pop()}:${f.lineNumber}` : ''}`;
};
const idle = (id) => nodes.get(id).callFrame.functionName === '(idle)';
// A stretch ends at the first idle sample (the thread waiting for a task).
let t = profile.startTime;
const stretches = [];
let cur = null;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  const id = profile.samples[i];
  const dt = profile.timeDeltas[i + 1] ?? 0;
  if (idle(id)) { if (cur) { stretches.push(cur); cur = null; } continue; }
  if (!cur) cur = { start: t, end: t, samples: [] };
  cur.end = t + dt;
  cur.samples.push([id, dt]);
}
if (cur) stretches.push(cur);
// With the page's long tasks (size.mjs records them), each task is one stretch: the samples
// within it, the page's clock mapped onto the profile's from when profiling started.
if (profile.longTasks) {
  stretches.length = 0;
  // The first sample in size.mjs's `profileMark` was taken at the page's `pageClockAtStart`.
  let mark = profile.startTime;
  for (let i = 0, t2 = profile.startTime; i < profile.samples.length; i++) {
    t2 += profile.timeDeltas[i];
    if (nodes.get(profile.samples[i]).callFrame.functionName === 'profileMark') { mark = t2; break; }
  }
  const at = (ms) => mark + (ms - profile.pageClockAtStart) * 1000;
  for (const [start, duration] of profile.longTasks) {
    const s = { start: at(start), end: at(start + duration), samples: [] };
    let t2 = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t2 += profile.timeDeltas[i];
      if (t2 >= s.start && t2 < s.end) s.samples.push([profile.samples[i], profile.timeDeltas[i + 1] ?? 0]);
    }
    stretches.push(s);
  }
}
for (const s of stretches) {
  const ms = (s.end - s.start) / 1000;
  if (ms < LONG) continue;
  const self = new Map();
  const incl = new Map();
  for (const [id, dt] of s.samples) {
    const k = name(nodes.get(id));
    self.set(k, (self.get(k) ?? 0) + dt);
    const seen = new Set();
    for (let p = id; p !== undefined; p = parent.get(p)) {
      const k2 = name(nodes.get(p));
      if (seen.has(k2)) continue;
      seen.add(k2);
      incl.set(k2, (incl.get(k2) ?? 0) + dt);
    }
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, v]) => `    ${(v / 1000).toFixed(0).padStart(5)} ms  ${k}`).join('\n');
  console.log(`task at ${((s.start - profile.startTime) / 1000).toFixed(0)} ms: ${ms.toFixed(0)} ms\n  self:\n${top(self, 8)}\n  inclusive:\n${top(incl, Number(process.env.TOP ?? 14))}`);
}
