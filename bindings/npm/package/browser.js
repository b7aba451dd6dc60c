// Browser and bundler entry: the WebAssembly beside this file is fetched and compiled on import
// (a top-level await), so the functions are ready when the import resolves.
import init, { version as versionOf } from './spanlight.js';

await init({ module_or_path: new URL('./spanlight_bg.wasm', import.meta.url) });

export { recognize, convert } from './spanlight.js';
export const version = versionOf();
