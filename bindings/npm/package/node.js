// Node entry: the WebAssembly is read from beside this file and compiled once, synchronously,
// on import.
import { readFileSync } from 'node:fs';
import { initSync, version as versionOf } from './spanlight.js';

initSync({ module: readFileSync(new URL('./spanlight_bg.wasm', import.meta.url)) });

export { recognize, convert } from './spanlight.js';
export const version = versionOf();
